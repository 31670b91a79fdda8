package org.ffmas.crm.audit;

import static org.ffmas.crm.storage.jooq.Tables.AUDIT_LOG;

import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.storage.BulkLoad;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The {@code audit_log} table: written once, never updated. */
public final class AuditRepository {

    private final DSLContext db;

    public AuditRepository(DSLContext db) {
        this.db = db;
    }

    void insert(AuditEntry e) {
        db.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, Clocks.utc(e.at()))
                .set(AUDIT_LOG.ACTOR_ID, e.actorId())
                .set(AUDIT_LOG.ACTOR_NAME, e.actorName())
                .set(AUDIT_LOG.ACTION, e.action())
                .set(AUDIT_LOG.TARGET_TYPE, e.targetType())
                .set(AUDIT_LOG.TARGET_ID, e.targetId())
                .set(AUDIT_LOG.ADDRESS, e.address())
                .set(AUDIT_LOG.DETAILS, e.details())
                .execute();
    }

    /** Several entries at once (an import's chunk). */
    void insertAll(List<AuditEntry> entries) {
        List<Object[]> rows = entries.stream().map(e -> new Object[] {Clocks.utc(e.at()), e.actorId(), e.actorName(), e.action(), e.targetType(),
                e.targetId(), e.address(), e.details()}).toList();
        if (entries.isEmpty() || BulkLoad.load(db, AUDIT_LOG, COLUMNS, rows).isPresent()) {
            return;
        }
        db.insertInto(AUDIT_LOG, COLUMNS).valuesOfRows(rows.stream().map(DSL::row).toList()).execute();
    }

    private static final List<Field<?>> COLUMNS = List.of(AUDIT_LOG.AT, AUDIT_LOG.ACTOR_ID, AUDIT_LOG.ACTOR_NAME, AUDIT_LOG.ACTION,
            AUDIT_LOG.TARGET_TYPE, AUDIT_LOG.TARGET_ID, AUDIT_LOG.ADDRESS, AUDIT_LOG.DETAILS);

    /** Newest first. */
    Page<AuditEntry> search(AuditQuery q, int page, int size) {
        List<Condition> where = new ArrayList<>();
        if (q.action() != null) {
            where.add(q.action().endsWith(".*")
                    ? AUDIT_LOG.ACTION.startsWith(q.action().substring(0, q.action().length() - 1))
                    : AUDIT_LOG.ACTION.eq(q.action()));
        }
        if (q.actorId() != null) {
            where.add(AUDIT_LOG.ACTOR_ID.eq(q.actorId()));
        }
        if (q.targetType() != null) {
            where.add(AUDIT_LOG.TARGET_TYPE.eq(q.targetType()));
        }
        if (q.targetId() != null) {
            where.add(AUDIT_LOG.TARGET_ID.eq(q.targetId()));
        }
        if (q.from() != null) {
            where.add(AUDIT_LOG.AT.ge(Clocks.utc(q.from())));
        }
        if (q.to() != null) {
            where.add(AUDIT_LOG.AT.lt(Clocks.utc(q.to())));
        }
        Condition condition = DSL.and(where);
        long total = db.fetchCount(AUDIT_LOG, condition);
        List<AuditEntry> items = db.selectFrom(AUDIT_LOG).where(condition)
                .orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc())
                .limit(size).offset((long) (page - 1) * size)
                .fetch(r -> new AuditEntry(r.getId(), Clocks.instant(r.getAt()), r.getActorId(), r.getActorName(), r.getAction(),
                        r.getTargetType(), r.getTargetId(), r.getAddress(), r.getDetails()));
        return new Page<>(items, total, page, size);
    }
}
