package org.ffmas.crm.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_CONFLICT;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_CONTACT_LINK;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_LINK;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.ffmas.crm.partner.PartnerVersions;
import org.ffmas.crm.storage.Database;
import org.ffmas.crm.storage.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is to push, page by page, is what one query over the partner's and the sync's tables gives
 * (the query the sync used before it read the partner's versions through partner): on mixed data,
 * whatever the pages' and the chunks' sizes.
 */
@Tag("database")
class PushQueueTest {

    @RegisterExtension
    static final TestDatabase test = new TestDatabase();

    static Database database;
    static DSLContext db;

    @BeforeAll
    static void mixedData() throws IOException {
        database = test.open();
        database.migrate();
        db = database.dsl();
        Random random = new Random(20261207);
        LocalDateTime now = LocalDateTime.of(2026, 12, 7, 9, 0);
        List<Long> companies = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String status = random.nextInt(5) == 0 ? "ARCHIVED" : "PARTNER";
            Long mergedInto = !companies.isEmpty() && random.nextInt(8) == 0 ? companies.get(random.nextInt(companies.size())) : null;
            long version = 1 + random.nextInt(3);
            long id = db.insertInto(COMPANY).set(COMPANY.LEGAL_NAME, "Société " + i).set(COMPANY.STATUS, status)
                    .set(COMPANY.SEARCH_TEXT, "societe " + i).set(COMPANY.NAME_KEY, "societe " + i).set(COMPANY.MERGED_INTO_ID, mergedInto)
                    .set(COMPANY.VERSION, version).set(COMPANY.CREATED_AT, now).set(COMPANY.UPDATED_AT, now)
                    .returningResult(COMPANY.ID).fetchOne().value1();
            companies.add(id);
            for (String connector : List.of("erp", "other")) {
                if (random.nextInt(3) > 0) {
                    db.insertInto(SYNC_LINK).set(SYNC_LINK.CONNECTOR, connector).set(SYNC_LINK.COMPANY_ID, id)
                            .set(SYNC_LINK.EXTERNAL_ID, connector + "-" + id).set(SYNC_LINK.LOCAL_VERSION, 1L + random.nextInt(3))
                            .set(SYNC_LINK.REMOTE_HASH, "h").set(SYNC_LINK.SYNCED_AT, now).execute();
                }
                if (random.nextInt(6) == 0) {
                    conflict(connector, id, null, random.nextBoolean(), now);
                }
            }
        }
        for (int i = 0; i < 200; i++) {
            long companyId = companies.get(random.nextInt(companies.size()));
            long id = db.insertInto(CONTACT).set(CONTACT.COMPANY_ID, companyId).set(CONTACT.LAST_NAME, "Martin " + i)
                    .set(CONTACT.EMAIL_STATUS, "NOT_ASKED").set(CONTACT.VERSION, 1L + random.nextInt(3))
                    .set(CONTACT.ARCHIVED_AT, random.nextInt(4) == 0 ? now : null).set(CONTACT.CREATED_AT, now).set(CONTACT.UPDATED_AT, now)
                    .returningResult(CONTACT.ID).fetchOne().value1();
            for (String connector : List.of("erp", "other")) {
                if (random.nextBoolean()) {
                    db.insertInto(SYNC_CONTACT_LINK).set(SYNC_CONTACT_LINK.CONNECTOR, connector).set(SYNC_CONTACT_LINK.CONTACT_ID, id)
                            .set(SYNC_CONTACT_LINK.EXTERNAL_ID, connector + "-p" + id).set(SYNC_CONTACT_LINK.LOCAL_VERSION, 1L + random.nextInt(3))
                            .set(SYNC_CONTACT_LINK.REMOTE_HASH, "h").set(SYNC_CONTACT_LINK.SYNCED_AT, now).execute();
                }
                if (random.nextInt(6) == 0) {
                    conflict(connector, companyId, id, random.nextBoolean(), now);
                }
            }
        }
    }

    private static void conflict(String connector, long companyId, Long contactId, boolean resolved, LocalDateTime now) {
        db.insertInto(SYNC_CONFLICT).set(SYNC_CONFLICT.CONNECTOR, connector).set(SYNC_CONFLICT.COMPANY_ID, companyId)
                .set(SYNC_CONFLICT.CONTACT_ID, contactId).set(SYNC_CONFLICT.EXTERNAL_ID, "x").set(SYNC_CONFLICT.LOCAL_JSON, "{}")
                .set(SYNC_CONFLICT.REMOTE_JSON, "{}").set(SYNC_CONFLICT.REMOTE_HASH, "h").set(SYNC_CONFLICT.DETECTED_AT, now)
                .set(SYNC_CONFLICT.RESOLVED_AT, resolved ? now : null).execute();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    /** The companies to push as the one query gave them. */
    private static List<PushQueue.Pending> companiesByQuery(String connector, long afterId, int limit) {
        var open = DSL.selectOne().from(SYNC_CONFLICT).where(SYNC_CONFLICT.CONNECTOR.eq(connector),
                SYNC_CONFLICT.COMPANY_ID.eq(COMPANY.ID), SYNC_CONFLICT.CONTACT_ID.isNull(), SYNC_CONFLICT.RESOLVED_AT.isNull());
        return db.select(COMPANY.ID, SYNC_LINK.EXTERNAL_ID).from(COMPANY)
                .leftJoin(SYNC_LINK).on(SYNC_LINK.COMPANY_ID.eq(COMPANY.ID), SYNC_LINK.CONNECTOR.eq(connector))
                .where(COMPANY.ID.gt(afterId), COMPANY.MERGED_INTO_ID.isNull(), COMPANY.STATUS.ne("ARCHIVED"),
                        SYNC_LINK.COMPANY_ID.isNull().or(SYNC_LINK.LOCAL_VERSION.ne(COMPANY.VERSION)), DSL.notExists(open))
                .orderBy(COMPANY.ID).limit(limit)
                .fetch(r -> new PushQueue.Pending(r.value1(), r.value2()));
    }

    /** The contacts to push as the one query gave them. */
    private static List<PushQueue.PendingContact> contactsByQuery(String connector, long afterId, int limit) {
        var open = DSL.selectOne().from(SYNC_CONFLICT).where(SYNC_CONFLICT.CONNECTOR.eq(connector),
                SYNC_CONFLICT.CONTACT_ID.eq(CONTACT.ID), SYNC_CONFLICT.RESOLVED_AT.isNull());
        return db.select(CONTACT.ID, SYNC_CONTACT_LINK.EXTERNAL_ID, SYNC_LINK.EXTERNAL_ID).from(CONTACT)
                .join(SYNC_LINK).on(SYNC_LINK.COMPANY_ID.eq(CONTACT.COMPANY_ID), SYNC_LINK.CONNECTOR.eq(connector))
                .leftJoin(SYNC_CONTACT_LINK).on(SYNC_CONTACT_LINK.CONTACT_ID.eq(CONTACT.ID), SYNC_CONTACT_LINK.CONNECTOR.eq(connector))
                .where(CONTACT.ID.gt(afterId),
                        SYNC_CONTACT_LINK.CONTACT_ID.isNull().and(CONTACT.ARCHIVED_AT.isNull()).or(SYNC_CONTACT_LINK.LOCAL_VERSION.ne(CONTACT.VERSION)),
                        DSL.notExists(open))
                .orderBy(CONTACT.ID).limit(limit)
                .fetch(r -> new PushQueue.PendingContact(r.value1(), r.value2(), r.value3()));
    }

    /** A way to read the pages of what is to push. */
    @FunctionalInterface
    private interface Pages<P> {
        List<P> after(long afterId, int limit);
    }

    /** Walks the pages as a push does, from the start, and finds each one the same both ways. */
    private static <P> void assertSamePages(Function<PushQueue, Pages<P>> byQueue, Pages<P> byQuery, ToLongFunction<P> idOf) {
        for (int scan : new int[] {1, 2, 7, 1000}) {
            Pages<P> queue = byQueue.apply(new PushQueue(new PartnerVersions(db), new SyncRepository(db), scan));
            for (int limit : new int[] {1, 5, 200}) {
                long after = 0;
                int pages = 0;
                while (true) {
                    List<P> expected = byQuery.after(after, limit);
                    assertThat(queue.after(after, limit)).as("scan %d, limit %d, after %d", scan, limit, after).isEqualTo(expected);
                    if (expected.isEmpty()) {
                        break;
                    }
                    after = idOf.applyAsLong(expected.get(expected.size() - 1));
                    pages++;
                }
                assertThat(pages).as("there is something to push").isPositive();
            }
        }
    }

    @Test
    void theCompaniesToPushAreThoseTheQueryGave() {
        assertSamePages(queue -> (after, limit) -> queue.companies("erp", after, limit), (after, limit) -> companiesByQuery("erp", after, limit),
                PushQueue.Pending::companyId);
    }

    @Test
    void theContactsToPushAreThoseTheQueryGave() {
        assertSamePages(queue -> (after, limit) -> queue.contacts("erp", after, limit), (after, limit) -> contactsByQuery("erp", after, limit),
                PushQueue.PendingContact::contactId);
    }
}
