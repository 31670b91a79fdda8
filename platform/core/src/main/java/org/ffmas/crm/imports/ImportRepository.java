package org.ffmas.crm.imports;

import static org.ffmas.crm.storage.jooq.Tables.IMPORT_REJECTION;
import static org.ffmas.crm.storage.jooq.Tables.IMPORT_RUN;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.jooq.tables.records.ImportRunRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** The {@code import_run} and {@code import_rejection} tables. */
public final class ImportRepository {

    /** A rejected row's problem as kept for {@code rejected.csv}; {@code id} orders the problems of one line. */
    record Rejection(long id, int line, String field, String message, String cellsJson) {}

    private static final List<String> UNFINISHED = List.of("QUEUED", "RUNNING");

    private final DSLContext db;

    public ImportRepository(DSLContext db) {
        this.db = db;
    }

    long create(String entity, String source, String fileName, Long actorId, String actorName, Instant now, long runner, boolean enrich) {
        return db.insertInto(IMPORT_RUN).set(IMPORT_RUN.ENTITY, entity).set(IMPORT_RUN.SOURCE, source).set(IMPORT_RUN.FILE_NAME, fileName)
                .set(IMPORT_RUN.STATUS, "QUEUED").set(IMPORT_RUN.ACTOR_ID, actorId).set(IMPORT_RUN.ACTOR_NAME, actorName)
                .set(IMPORT_RUN.CREATED_AT, Clocks.utc(now)).set(IMPORT_RUN.RUNNER_RUN, runner).set(IMPORT_RUN.HEARTBEAT_AT, Clocks.utc(now))
                .set(IMPORT_RUN.ENRICH, enrich).returningResult(IMPORT_RUN.ID).fetchOne().value1();
    }

    void started(long id, String headersJson, Instant now) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.STATUS, "RUNNING").set(IMPORT_RUN.HEADERS, headersJson)
                .set(IMPORT_RUN.STARTED_AT, Clocks.utc(now)).set(IMPORT_RUN.HEARTBEAT_AT, Clocks.utc(now)).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    void progress(long id, int read, int created, int updated, int unchanged, int rejected, int rejections) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.ROWS_READ, read).set(IMPORT_RUN.CREATED, created).set(IMPORT_RUN.UPDATED, updated)
                .set(IMPORT_RUN.UNCHANGED, unchanged).set(IMPORT_RUN.REJECTED, rejected).set(IMPORT_RUN.REJECTIONS, rejections)
                .where(IMPORT_RUN.ID.eq(id)).execute();
    }

    void finished(long id, String status, String failure, Instant now) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.STATUS, status).set(IMPORT_RUN.FAILURE, failure)
                .set(IMPORT_RUN.FINISHED_AT, Clocks.utc(now)).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    boolean enrich(long id) {
        return db.select(IMPORT_RUN.ENRICH).from(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional(IMPORT_RUN.ENRICH).orElse(false);
    }

    /** The runner {@code runner} is alive: its unfinished imports say so. */
    void beat(long runner, Instant now) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.HEARTBEAT_AT, Clocks.utc(now))
                .where(IMPORT_RUN.RUNNER_RUN.eq(runner).and(IMPORT_RUN.STATUS.in(UNFINISHED))).execute();
    }

    /** Unfinished imports of another runner that has not beaten since {@code staleBefore} (or of none: before runners were recorded). */
    private static Condition runnerGone(long me, Instant staleBefore) {
        return IMPORT_RUN.STATUS.in(UNFINISHED).and(IMPORT_RUN.RUNNER_RUN.isDistinctFrom(me))
                .and(IMPORT_RUN.HEARTBEAT_AT.isNull().or(IMPORT_RUN.HEARTBEAT_AT.lt(Clocks.utc(staleBefore))));
    }

    /** Marks FAILED, with {@code reason}, the imports whose runner is gone; returns their ids. */
    List<Long> failGone(long me, Instant staleBefore, String reason, Instant now) {
        List<Long> ids = db.select(IMPORT_RUN.ID).from(IMPORT_RUN).where(runnerGone(me, staleBefore)).fetch(IMPORT_RUN.ID);
        if (ids.isEmpty()) {
            return ids;
        }
        // the condition again: a runner that beat meanwhile keeps its import
        db.update(IMPORT_RUN).set(IMPORT_RUN.STATUS, "FAILED").set(IMPORT_RUN.FAILURE, reason).set(IMPORT_RUN.FINISHED_AT, Clocks.utc(now))
                .where(IMPORT_RUN.ID.in(ids).and(runnerGone(me, staleBefore))).execute();
        return db.select(IMPORT_RUN.ID).from(IMPORT_RUN).where(IMPORT_RUN.ID.in(ids).and(IMPORT_RUN.STATUS.eq("FAILED")))
                .and(IMPORT_RUN.FAILURE.eq(reason)).fetch(IMPORT_RUN.ID);
    }

    /** Queues a failed import (or one whose runner is gone) again, for runner {@code me}, its counts and rejections forgotten; false when it is neither. */
    boolean claimForRestart(long id, long me, Instant staleBefore, Instant now) {
        int claimed = db.update(IMPORT_RUN).set(IMPORT_RUN.STATUS, "QUEUED").set(IMPORT_RUN.FAILURE, (String) null)
                .set(IMPORT_RUN.FINISHED_AT, (java.time.LocalDateTime) null).set(IMPORT_RUN.ROWS_READ, 0).set(IMPORT_RUN.CREATED, 0)
                .set(IMPORT_RUN.UPDATED, 0).set(IMPORT_RUN.UNCHANGED, 0).set(IMPORT_RUN.REJECTED, 0).set(IMPORT_RUN.REJECTIONS, 0)
                .set(IMPORT_RUN.RUNNER_RUN, me).set(IMPORT_RUN.HEARTBEAT_AT, Clocks.utc(now))
                .where(IMPORT_RUN.ID.eq(id).and(IMPORT_RUN.STATUS.eq("FAILED").or(runnerGone(me, staleBefore)))).execute();
        if (claimed == 1) {
            db.deleteFrom(IMPORT_REJECTION).where(IMPORT_REJECTION.IMPORT_ID.eq(id)).execute();
        }
        return claimed == 1;
    }

    void reject(long importId, Rejection r) {
        db.insertInto(IMPORT_REJECTION).set(IMPORT_REJECTION.IMPORT_ID, importId).set(IMPORT_REJECTION.LINE, r.line())
                .set(IMPORT_REJECTION.FIELD, r.field()).set(IMPORT_REJECTION.MESSAGE, r.message().length() > 500 ? r.message().substring(0, 500) : r.message())
                .set(IMPORT_REJECTION.CELLS, r.cellsJson()).execute();
    }

    /** The rejections after ({@code line}, {@code id}), in file order: the next {@code limit} of a walk through all of them. */
    List<Rejection> rejectionsAfter(long importId, int line, long id, int limit) {
        return db.selectFrom(IMPORT_REJECTION)
                .where(IMPORT_REJECTION.IMPORT_ID.eq(importId))
                .and(IMPORT_REJECTION.LINE.gt(line).or(IMPORT_REJECTION.LINE.eq(line).and(IMPORT_REJECTION.ID.gt(id))))
                .orderBy(IMPORT_REJECTION.LINE, IMPORT_REJECTION.ID).limit(limit)
                .fetch(r -> new Rejection(r.getId(), r.getLine(), r.getField(), r.getMessage(), r.getCells()));
    }

    /** One page of the rejections' problems, in file order. */
    List<ImportRun.RowError> errors(long importId, long offset, int limit) {
        return db.select(IMPORT_REJECTION.LINE, IMPORT_REJECTION.FIELD, IMPORT_REJECTION.MESSAGE).from(IMPORT_REJECTION)
                .where(IMPORT_REJECTION.IMPORT_ID.eq(importId)).orderBy(IMPORT_REJECTION.LINE, IMPORT_REJECTION.ID).limit(limit).offset(offset)
                .fetch(r -> new ImportRun.RowError(r.value1(), r.value2(), r.value3()));
    }

    long errorCount(long importId) {
        return db.fetchCount(IMPORT_REJECTION, IMPORT_REJECTION.IMPORT_ID.eq(importId));
    }

    Optional<ImportRun> find(long id) {
        return db.selectFrom(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional(r -> toRun(r, errors(r.getId(), 0, ImportRun.ERRORS_SHOWN)));
    }

    Optional<String> headers(long id) {
        return db.select(IMPORT_RUN.HEADERS).from(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional(IMPORT_RUN.HEADERS);
    }

    List<ImportRun> recent(int limit) {
        return db.selectFrom(IMPORT_RUN).orderBy(IMPORT_RUN.ID.desc()).limit(limit).fetch(r -> toRun(r, List.of()));
    }

    private static ImportRun toRun(ImportRunRecord r, List<ImportRun.RowError> errors) {
        return new ImportRun(r.getId(), r.getEntity(), r.getSource(), r.getFileName(), r.getStatus(), r.getRowsRead(), r.getCreated(),
                r.getUpdated(), r.getUnchanged(), r.getRejected(), r.getFailure(), errors, r.getRejections(), ImportRun.errorsLink(r.getId()),
                Clocks.instant(r.getCreatedAt()), Clocks.instant(r.getFinishedAt()));
    }
}
