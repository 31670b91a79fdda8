package org.ffmas.crm;

import static org.ffmas.crm.storage.jooq.Tables.PLATFORM_RUN;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.jooq.tables.records.PlatformRunRecord;
import org.jooq.DSLContext;

/** The {@code platform_run} table: one row per start of the platform. */
public final class PlatformRunRepository {

    private final DSLContext db;

    public PlatformRunRepository(DSLContext db) {
        this.db = db;
    }

    public long recordStart(String version, String host, Instant at) {
        return db.insertInto(PLATFORM_RUN)
                .set(PLATFORM_RUN.VERSION, version)
                .set(PLATFORM_RUN.HOST, host)
                .set(PLATFORM_RUN.STARTED_AT, Clocks.utc(at))
                .returningResult(PLATFORM_RUN.ID)
                .fetchOne()
                .value1();
    }

    public void recordStop(long id, Instant at) {
        db.update(PLATFORM_RUN).set(PLATFORM_RUN.STOPPED_AT, Clocks.utc(at)).where(PLATFORM_RUN.ID.eq(id)).execute();
    }

    /** The most recent runs, newest first. */
    public List<PlatformRun> recent(int limit) {
        return db.selectFrom(PLATFORM_RUN).orderBy(PLATFORM_RUN.ID.desc()).limit(limit).fetch(PlatformRunRepository::toRun);
    }

    /** The run before the given one, if any. */
    public Optional<PlatformRun> before(long id) {
        return db.selectFrom(PLATFORM_RUN).where(PLATFORM_RUN.ID.lt(id)).orderBy(PLATFORM_RUN.ID.desc()).limit(1)
                .fetchOptional(PlatformRunRepository::toRun);
    }

    private static PlatformRun toRun(PlatformRunRecord r) {
        return new PlatformRun(r.getId(), r.getVersion(), r.getHost(), Clocks.instant(r.getStartedAt()),
                Optional.ofNullable(r.getStoppedAt()).map(Clocks::instant));
    }
}
