package org.ffmas.crm.security;

import static org.ffmas.crm.storage.jooq.Tables.LOGIN_ATTEMPT;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.jooq.tables.records.LoginAttemptRecord;
import org.jooq.DSLContext;

/** The {@code login_attempt} table: failed logins per username and per address, shared by every node. */
final class LoginAttemptRepository {

    private final DSLContext db;

    LoginAttemptRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Makes sure the rows exist, each in a statement of its own (outside the caller's transaction),
     * so that {@link #lock} then takes row locks only: rows created inside concurrent transactions
     * would make them wait on each other's gaps and deadlock.
     */
    void ensure(Collection<AttemptCount> rows) {
        for (AttemptCount r : rows) {
            db.insertInto(LOGIN_ATTEMPT)
                    .set(LOGIN_ATTEMPT.SUBJECT_KEY, r.key())
                    .set(LOGIN_ATTEMPT.KIND, r.kind())
                    .set(LOGIN_ATTEMPT.FAILURES, 0)
                    .set(LOGIN_ATTEMPT.LOCKOUTS, 0)
                    .onDuplicateKeyIgnore()
                    .execute();
        }
    }

    /** The rows of these keys, locked until the transaction ends (in key order: concurrent lockers queue instead of deadlocking). */
    List<AttemptCount> lock(Collection<String> keys) {
        return db.selectFrom(LOGIN_ATTEMPT).where(LOGIN_ATTEMPT.SUBJECT_KEY.in(keys))
                .orderBy(LOGIN_ATTEMPT.SUBJECT_KEY).forUpdate()
                .fetch(LoginAttemptRepository::toCount);
    }

    /** Writes a row, creating it if it was removed meanwhile. */
    void save(AttemptCount c) {
        db.insertInto(LOGIN_ATTEMPT)
                .set(LOGIN_ATTEMPT.SUBJECT_KEY, c.key())
                .set(LOGIN_ATTEMPT.KIND, c.kind())
                .set(LOGIN_ATTEMPT.FAILURES, c.failures())
                .set(LOGIN_ATTEMPT.WINDOW_START, Clocks.utc(c.windowStart()))
                .set(LOGIN_ATTEMPT.LOCKED_UNTIL, Clocks.utc(c.lockedUntil()))
                .set(LOGIN_ATTEMPT.LOCKOUTS, c.lockouts())
                .set(LOGIN_ATTEMPT.LAST_FAILURE_AT, Clocks.utc(c.lastFailureAt()))
                .onDuplicateKeyUpdate()
                .set(LOGIN_ATTEMPT.FAILURES, c.failures())
                .set(LOGIN_ATTEMPT.WINDOW_START, Clocks.utc(c.windowStart()))
                .set(LOGIN_ATTEMPT.LOCKED_UNTIL, Clocks.utc(c.lockedUntil()))
                .set(LOGIN_ATTEMPT.LOCKOUTS, c.lockouts())
                .set(LOGIN_ATTEMPT.LAST_FAILURE_AT, Clocks.utc(c.lastFailureAt()))
                .execute();
    }

    void delete(String key) {
        db.deleteFrom(LOGIN_ATTEMPT).where(LOGIN_ATTEMPT.SUBJECT_KEY.eq(key)).execute();
    }

    /** Forgets the rows with no failure since {@code before} and no lock running at {@code now}. */
    int deleteStale(Instant before, Instant now) {
        return db.deleteFrom(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.LAST_FAILURE_AT.isNull().or(LOGIN_ATTEMPT.LAST_FAILURE_AT.lt(Clocks.utc(before))))
                .and(LOGIN_ATTEMPT.LOCKED_UNTIL.isNull().or(LOGIN_ATTEMPT.LOCKED_UNTIL.lt(Clocks.utc(now))))
                .execute();
    }

    private static AttemptCount toCount(LoginAttemptRecord r) {
        return new AttemptCount(r.getSubjectKey(), r.getKind(), r.getFailures(), Clocks.instant(r.getWindowStart()),
                Clocks.instant(r.getLockedUntil()), r.getLockouts(), Clocks.instant(r.getLastFailureAt()));
    }
}
