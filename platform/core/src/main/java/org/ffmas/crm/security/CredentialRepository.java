package org.ffmas.crm.security;

import static org.ffmas.crm.storage.jooq.Tables.API_TOKEN;
import static org.ffmas.crm.storage.jooq.Tables.STAFF_SESSION;
import static org.ffmas.crm.storage.jooq.Tables.STAFF_USER;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.jooq.tables.records.ApiTokenRecord;
import org.jooq.DSLContext;

/** Login sessions and API tokens: what a presented secret's hash resolves to. */
public final class CredentialRepository {

    /** A live session of an active user. */
    record SessionRow(long id, long userId, String username, Role role, String csrfToken) {}

    /** A live API token; its creator must still be active, and the creator's role caps the token's. */
    record TokenRow(long id, String name, Role role, long createdBy, Role creatorRole, Optional<Instant> lastUsedAt) {}

    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final DSLContext db;

    public CredentialRepository(DSLContext db) {
        this.db = db;
    }

    long createSession(String tokenHash, String csrfToken, long userId, String address, Instant now, Instant expiresAt) {
        return db.insertInto(STAFF_SESSION)
                .set(STAFF_SESSION.TOKEN_HASH, tokenHash)
                .set(STAFF_SESSION.CSRF_TOKEN, csrfToken)
                .set(STAFF_SESSION.USER_ID, userId)
                .set(STAFF_SESSION.ADDRESS, address)
                .set(STAFF_SESSION.CREATED_AT, Clocks.utc(now))
                .set(STAFF_SESSION.EXPIRES_AT, Clocks.utc(expiresAt))
                .returningResult(STAFF_SESSION.ID).fetchOne().value1();
    }

    Optional<SessionRow> findLiveSession(String tokenHash, Instant now) {
        return db.select(STAFF_SESSION.ID, STAFF_USER.ID, STAFF_USER.USERNAME, STAFF_USER.ROLE, STAFF_SESSION.CSRF_TOKEN)
                .from(STAFF_SESSION).join(STAFF_USER).on(STAFF_USER.ID.eq(STAFF_SESSION.USER_ID))
                .where(STAFF_SESSION.TOKEN_HASH.eq(tokenHash))
                .and(STAFF_SESSION.ENDED_AT.isNull())
                .and(STAFF_SESSION.EXPIRES_AT.gt(Clocks.utc(now)))
                .and(STAFF_USER.ACTIVE.isTrue())
                .fetchOptional(r -> new SessionRow(r.value1(), r.value2(), r.value3(), Role.valueOf(r.value4()), r.value5()));
    }

    void endSession(long id, Instant now) {
        db.update(STAFF_SESSION).set(STAFF_SESSION.ENDED_AT, Clocks.utc(now))
                .where(STAFF_SESSION.ID.eq(id).and(STAFF_SESSION.ENDED_AT.isNull())).execute();
    }

    /** Ends every session of a user: after a password change, a role change or deactivation. */
    int endSessionsOf(long userId, Instant now) {
        return db.update(STAFF_SESSION).set(STAFF_SESSION.ENDED_AT, Clocks.utc(now))
                .where(STAFF_SESSION.USER_ID.eq(userId).and(STAFF_SESSION.ENDED_AT.isNull())).execute();
    }

    long createToken(String name, String tokenHash, Role role, long createdBy, Instant now, Instant expiresAt) {
        return db.insertInto(API_TOKEN)
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.TOKEN_HASH, tokenHash)
                .set(API_TOKEN.ROLE, role.name())
                .set(API_TOKEN.CREATED_BY, createdBy)
                .set(API_TOKEN.CREATED_AT, Clocks.utc(now))
                .set(API_TOKEN.EXPIRES_AT, Clocks.utc(expiresAt))
                .returningResult(API_TOKEN.ID).fetchOne().value1();
    }

    Optional<TokenRow> findLiveToken(String tokenHash, Instant now) {
        return db.select(API_TOKEN.ID, API_TOKEN.NAME, API_TOKEN.ROLE, API_TOKEN.CREATED_BY, STAFF_USER.ROLE, API_TOKEN.LAST_USED_AT)
                .from(API_TOKEN).join(STAFF_USER).on(STAFF_USER.ID.eq(API_TOKEN.CREATED_BY))
                .where(API_TOKEN.TOKEN_HASH.eq(tokenHash))
                .and(API_TOKEN.REVOKED_AT.isNull())
                .and(API_TOKEN.EXPIRES_AT.isNull().or(API_TOKEN.EXPIRES_AT.gt(Clocks.utc(now))))
                .and(STAFF_USER.ACTIVE.isTrue())
                .fetchOptional(r -> new TokenRow(r.value1(), r.value2(), Role.valueOf(r.value3()), r.value4(), Role.valueOf(r.value5()),
                        Optional.ofNullable(Clocks.instant(r.value6()))));
    }

    /**
     * Records a use, at most once a minute per token: a busy integration must not write on every
     * call. True for the token's first use (for one caller only, however many use it at once).
     */
    boolean touchToken(TokenRow token, Instant now) {
        if (token.lastUsedAt().isEmpty()) {
            return db.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, Clocks.utc(now))
                    .where(API_TOKEN.ID.eq(token.id())).and(API_TOKEN.LAST_USED_AT.isNull())
                    .execute() == 1;
        }
        if (token.lastUsedAt().get().isBefore(now.minus(LAST_USE_PRECISION))) {
            db.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, Clocks.utc(now)).where(API_TOKEN.ID.eq(token.id())).execute();
        }
        return false;
    }

    List<ApiToken> tokens() {
        return db.selectFrom(API_TOKEN).orderBy(API_TOKEN.ID.desc()).fetch(CredentialRepository::toToken);
    }

    Optional<ApiToken> token(long id) {
        return db.selectFrom(API_TOKEN).where(API_TOKEN.ID.eq(id)).fetchOptional(CredentialRepository::toToken);
    }

    private static ApiToken toToken(ApiTokenRecord r) {
        return new ApiToken(r.getId(), r.getName(), Role.valueOf(r.getRole()), r.getCreatedBy(),
                Clocks.instant(r.getCreatedAt()), Optional.ofNullable(Clocks.instant(r.getExpiresAt())),
                Optional.ofNullable(Clocks.instant(r.getLastUsedAt())), Optional.ofNullable(Clocks.instant(r.getRevokedAt())));
    }

    boolean revokeToken(long id, Instant now) {
        return db.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, Clocks.utc(now))
                .where(API_TOKEN.ID.eq(id).and(API_TOKEN.REVOKED_AT.isNull())).execute() == 1;
    }
}
