package org.ffmas.crm.imports;

import static org.ffmas.crm.storage.jooq.Tables.IMPORT_REJECTION;
import static org.ffmas.crm.storage.jooq.Tables.IMPORT_RUN;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.jooq.tables.records.ImportRunRecord;
import org.jooq.DSLContext;

/** The {@code import_run} and {@code import_rejection} tables. */
public final class ImportRepository {

    /** A rejected row as kept for {@code rejected.csv}. */
    record Rejection(int line, String field, String message, String cellsJson) {}

    private final DSLContext db;

    public ImportRepository(DSLContext db) {
        this.db = db;
    }

    long create(String entity, String source, String fileName, Long actorId, String actorName, Instant now) {
        return db.insertInto(IMPORT_RUN).set(IMPORT_RUN.ENTITY, entity).set(IMPORT_RUN.SOURCE, source).set(IMPORT_RUN.FILE_NAME, fileName)
                .set(IMPORT_RUN.STATUS, "QUEUED").set(IMPORT_RUN.ACTOR_ID, actorId).set(IMPORT_RUN.ACTOR_NAME, actorName)
                .set(IMPORT_RUN.CREATED_AT, Clocks.utc(now)).returningResult(IMPORT_RUN.ID).fetchOne().value1();
    }

    void started(long id, String headersJson, Instant now) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.STATUS, "RUNNING").set(IMPORT_RUN.HEADERS, headersJson)
                .set(IMPORT_RUN.STARTED_AT, Clocks.utc(now)).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    void progress(long id, int read, int created, int updated, int unchanged, int rejected) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.ROWS_READ, read).set(IMPORT_RUN.CREATED, created).set(IMPORT_RUN.UPDATED, updated)
                .set(IMPORT_RUN.UNCHANGED, unchanged).set(IMPORT_RUN.REJECTED, rejected).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    void finished(long id, String status, String failure, Instant now) {
        db.update(IMPORT_RUN).set(IMPORT_RUN.STATUS, status).set(IMPORT_RUN.FAILURE, failure)
                .set(IMPORT_RUN.FINISHED_AT, Clocks.utc(now)).where(IMPORT_RUN.ID.eq(id)).execute();
    }

    void reject(long importId, Rejection r) {
        db.insertInto(IMPORT_REJECTION).set(IMPORT_REJECTION.IMPORT_ID, importId).set(IMPORT_REJECTION.LINE, r.line())
                .set(IMPORT_REJECTION.FIELD, r.field()).set(IMPORT_REJECTION.MESSAGE, r.message().length() > 500 ? r.message().substring(0, 500) : r.message())
                .set(IMPORT_REJECTION.CELLS, r.cellsJson()).execute();
    }

    List<Rejection> rejections(long importId) {
        return db.selectFrom(IMPORT_REJECTION).where(IMPORT_REJECTION.IMPORT_ID.eq(importId))
                .orderBy(IMPORT_REJECTION.LINE, IMPORT_REJECTION.ID)
                .fetch(r -> new Rejection(r.getLine(), r.getField(), r.getMessage(), r.getCells()));
    }

    Optional<ImportRun> find(long id) {
        return db.selectFrom(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional(r -> toRun(r, true));
    }

    Optional<String> headers(long id) {
        return db.select(IMPORT_RUN.HEADERS).from(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional(IMPORT_RUN.HEADERS);
    }

    List<ImportRun> recent(int limit) {
        return db.selectFrom(IMPORT_RUN).orderBy(IMPORT_RUN.ID.desc()).limit(limit).fetch(r -> toRun(r, false));
    }

    private ImportRun toRun(ImportRunRecord r, boolean withErrors) {
        List<ImportRun.RowError> errors = withErrors
                ? rejections(r.getId()).stream().map(x -> new ImportRun.RowError(x.line(), x.field(), x.message())).toList() : List.of();
        return new ImportRun(r.getId(), r.getEntity(), r.getSource(), r.getFileName(), r.getStatus(), r.getRowsRead(), r.getCreated(),
                r.getUpdated(), r.getUnchanged(), r.getRejected(), r.getFailure(), errors, Clocks.instant(r.getCreatedAt()),
                Clocks.instant(r.getFinishedAt()));
    }
}
