package org.ffmas.crm.campaign;

import static org.ffmas.crm.storage.jooq.Tables.MAIL_TEST_SEND_QUOTA;

import java.time.Instant;
import java.time.LocalDateTime;
import org.ffmas.crm.common.Clocks;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** How many test messages each staff user sent in the current hour: one row per user, its count reset when the hour changes. */
final class TestSendRepository {

    private final DSLContext db;

    TestSendRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Counts one more test send of {@code userId} in the hour starting at {@code windowStart} and
     * returns the hour's count. Call inside a transaction: the user's row stays locked until it
     * ends, so that concurrent sends (from any node) are counted one after the other.
     */
    int countOne(long userId, Instant windowStart) {
        LocalDateTime window = Clocks.utc(windowStart);
        // assignments run in order: the count is reset or incremented against the row's old window, then the window set
        db.insertInto(MAIL_TEST_SEND_QUOTA).set(MAIL_TEST_SEND_QUOTA.USER_ID, userId).set(MAIL_TEST_SEND_QUOTA.WINDOW_START, window)
                .set(MAIL_TEST_SEND_QUOTA.SENDS, 1)
                .onDuplicateKeyUpdate()
                .set(MAIL_TEST_SEND_QUOTA.SENDS, DSL.when(MAIL_TEST_SEND_QUOTA.WINDOW_START.eq(window), MAIL_TEST_SEND_QUOTA.SENDS.plus(1))
                        .otherwise(DSL.inline(1)))
                .set(MAIL_TEST_SEND_QUOTA.WINDOW_START, window)
                .execute();
        return db.select(MAIL_TEST_SEND_QUOTA.SENDS).from(MAIL_TEST_SEND_QUOTA).where(MAIL_TEST_SEND_QUOTA.USER_ID.eq(userId))
                .fetchOne().value1();
    }
}
