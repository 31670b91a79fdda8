package org.ffmas.crm.campaign;

import static org.ffmas.crm.campaign.DeliveryRepository.abbreviate;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_INBOUND;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_SUPPRESSION;

import java.time.Instant;
import org.ffmas.crm.common.Clocks;
import org.jooq.DSLContext;

/** Addresses no campaign may write to again (bounces), and the inbound messages already processed. */
final class MailboxRepository {

    private final DSLContext db;

    MailboxRepository(DSLContext db) {
        this.db = db;
    }

    /** Suppresses an address for good. */
    void suppress(String email, String reason, Instant now) {
        db.insertInto(MAIL_SUPPRESSION).set(MAIL_SUPPRESSION.EMAIL, email).set(MAIL_SUPPRESSION.SUPPRESSED, true)
                .set(MAIL_SUPPRESSION.REASON, abbreviate(reason, 300)).set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(MAIL_SUPPRESSION.SUPPRESSED, true).set(MAIL_SUPPRESSION.REASON, abbreviate(reason, 300))
                .set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now)).execute();
    }

    /** Counts a soft bounce; returns the address's count. */
    int softBounce(String email, Instant now) {
        db.insertInto(MAIL_SUPPRESSION).set(MAIL_SUPPRESSION.EMAIL, email).set(MAIL_SUPPRESSION.SOFT_BOUNCES, 1)
                .set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(MAIL_SUPPRESSION.SOFT_BOUNCES, MAIL_SUPPRESSION.SOFT_BOUNCES.plus(1))
                .set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now)).execute();
        return db.select(MAIL_SUPPRESSION.SOFT_BOUNCES).from(MAIL_SUPPRESSION).where(MAIL_SUPPRESSION.EMAIL.eq(email)).fetchOne().value1();
    }

    boolean inboundSeen(String key) {
        return db.fetchExists(MAIL_INBOUND, MAIL_INBOUND.MESSAGE_KEY.eq(key));
    }

    void inbound(String key, String outcome, Long deliveryId, Instant now) {
        db.insertInto(MAIL_INBOUND).set(MAIL_INBOUND.MESSAGE_KEY, abbreviate(key, 255)).set(MAIL_INBOUND.OUTCOME, outcome)
                .set(MAIL_INBOUND.DELIVERY_ID, deliveryId).set(MAIL_INBOUND.PROCESSED_AT, Clocks.utc(now)).onDuplicateKeyIgnore().execute();
    }
}
