package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.ACTIVITY;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;
import org.ffmas.crm.storage.BulkLoad;
import org.ffmas.crm.storage.jooq.tables.records.ActivityRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The {@code activity} table: companies' timelines. */
public final class ActivityRepository {

    private final DSLContext db;

    public ActivityRepository(DSLContext db) {
        this.db = db;
    }

    long insert(long companyId, Long contactId, ActivityKind kind, String systemEvent, String text, Instant dueAt, Instant doneAt,
                Long authorId, Instant now) {
        return db.insertInto(ACTIVITY)
                .set(ACTIVITY.COMPANY_ID, companyId)
                .set(ACTIVITY.CONTACT_ID, contactId)
                .set(ACTIVITY.KIND, kind.name())
                .set(ACTIVITY.SYSTEM_EVENT, systemEvent)
                .set(ACTIVITY.TEXT, text)
                .set(ACTIVITY.DUE_AT, Clocks.utc(dueAt))
                .set(ACTIVITY.DONE_AT, Clocks.utc(doneAt))
                .set(ACTIVITY.AUTHOR_ID, authorId)
                .set(ACTIVITY.CREATED_AT, Clocks.utc(now))
                .returningResult(ACTIVITY.ID).fetchOne().value1();
    }

    /** The same event of the platform on several companies' timelines, in one statement. */
    void insertSystemEvents(List<Long> companyIds, String systemEvent, Long authorId, Instant now) {
        List<Object[]> rows = companyIds.stream().map(id -> new Object[] {id, ActivityKind.SYSTEM.name(), systemEvent, authorId, Clocks.utc(now)})
                .toList();
        var columns = List.of(ACTIVITY.COMPANY_ID, ACTIVITY.KIND, ACTIVITY.SYSTEM_EVENT, ACTIVITY.AUTHOR_ID, ACTIVITY.CREATED_AT);
        if (companyIds.isEmpty() || BulkLoad.load(db, ACTIVITY, columns, rows).isPresent()) {
            return;
        }
        db.insertInto(ACTIVITY, columns).valuesOfRows(rows.stream().map(DSL::row).toList()).execute();
    }

    /** Newest first. */
    List<Activity> timeline(long companyId, int limit, int offset) {
        return db.selectFrom(ACTIVITY).where(ACTIVITY.COMPANY_ID.eq(companyId))
                .orderBy(ACTIVITY.CREATED_AT.desc(), ACTIVITY.ID.desc()).limit(limit).offset(offset)
                .fetch(ActivityRepository::toActivity);
    }

    Optional<Activity> find(long id) {
        return db.selectFrom(ACTIVITY).where(ACTIVITY.ID.eq(id)).fetchOptional(ActivityRepository::toActivity);
    }

    private static Activity toActivity(ActivityRecord r) {
        return new Activity(r.getId(), r.getCompanyId(), r.getContactId(), ActivityKind.valueOf(r.getKind()),
                r.getSystemEvent(), r.getText(), Clocks.instant(r.getDueAt()), Clocks.instant(r.getDoneAt()),
                r.getAuthorId(), Clocks.instant(r.getCreatedAt()));
    }

    int count(long companyId) {
        return db.fetchCount(ACTIVITY, ACTIVITY.COMPANY_ID.eq(companyId));
    }

    void moveAll(long fromCompany, long toCompany) {
        db.update(ACTIVITY).set(ACTIVITY.COMPANY_ID, toCompany).where(ACTIVITY.COMPANY_ID.eq(fromCompany)).execute();
    }
}
