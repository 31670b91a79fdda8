package org.ffmas.crm.campaign;

import static org.ffmas.crm.storage.jooq.Tables.MAIL_SECRET;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.jooq.DSLContext;

/** The install's mail signing key: one row, written once, read by every node. */
final class MailSecretRepository {

    private final DSLContext db;

    MailSecretRepository(DSLContext db) {
        this.db = db;
    }

    Optional<byte[]> find() {
        return db.select(MAIL_SECRET.SECRET).from(MAIL_SECRET).where(MAIL_SECRET.ID.eq((byte) 1))
                .fetchOptional(r -> Base64.getDecoder().decode(r.value1()));
    }

    /** Stores {@code secret} unless a key is stored already; true when this one was stored. */
    boolean insertIfAbsent(byte[] secret, Instant now) {
        return db.insertInto(MAIL_SECRET).set(MAIL_SECRET.ID, (byte) 1).set(MAIL_SECRET.SECRET, Base64.getEncoder().encodeToString(secret))
                .set(MAIL_SECRET.CREATED_AT, Clocks.utc(now)).onDuplicateKeyIgnore().execute() == 1;
    }
}
