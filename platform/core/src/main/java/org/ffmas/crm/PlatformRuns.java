package org.ffmas.crm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records each start and clean stop of the platform in {@code platform_run}; says when the previous run did not stop cleanly. */
final class PlatformRuns implements Managed {

    private static final Logger log = LoggerFactory.getLogger(PlatformRuns.class);

    private final PlatformRunRepository runs;
    private final Clock clock;
    private final String version;
    private long runId;

    PlatformRuns(Database database, Clock clock, String version) {
        this.runs = new PlatformRunRepository(database.dsl());
        this.clock = clock;
        this.version = version;
    }

    @Override
    public void start() {
        runId = runs.recordStart(version, hostName(), clock.instant());
        runs.before(runId).filter(r -> r.stoppedAt().isEmpty()).ifPresent(r ->
                log.warn("the previous run (#{} on {}, started {}) did not stop cleanly", r.id(), r.host(), r.startedAt()));
    }

    /** Only once everything else stopped: a run recorded as stopped stopped cleanly. */
    @Override
    public void stop() {
        if (runId == 0) {
            return;
        }
        try {
            runs.recordStop(runId, clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not record the end of run #{}: {}", runId, e.getMessage());
        }
    }

    long runId() {
        return runId;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
