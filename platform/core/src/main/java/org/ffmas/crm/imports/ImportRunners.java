package org.ffmas.crm.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which imports still have a runner. Each import records the platform run that holds it (queued
 * in that JVM's memory, or running there); every {@link #BEAT} that run says in the database that
 * it is alive, and fails the imports of any run that stopped saying so for {@link #GONE_AFTER}
 * (killed, or stopped in the middle). Nodes sharing one database thus never fail each other's live
 * imports, and a start fails those of the run it follows once that run's heartbeat is stale.
 */
final class ImportRunners {

    private static final Logger log = LoggerFactory.getLogger(ImportRunners.class);

    static final Duration BEAT = Duration.ofSeconds(15);
    /** Eight beats missed: a long collection pause or a slow database does not fail a live import. */
    static final Duration GONE_AFTER = Duration.ofMinutes(2);
    static final String INTERRUPTED = "Import interrompu par l'arrêt de la plateforme ; relancez-le";

    private final Database database;
    private final ImportRepository imports;
    private final Clock clock;
    private final long me;

    /** @param me this platform run ({@code platform_run.id}) */
    ImportRunners(Database database, ImportRepository imports, Clock clock, long me) {
        this.database = database;
        this.imports = imports;
        this.clock = clock;
        this.me = me;
    }

    long me() {
        return me;
    }

    /** Says this run is alive, then fails the imports whose runner is gone. */
    void beat() {
        Instant now = clock.instant();
        imports.beat(me, now);
        List<Long> gone = imports.failGone(me, now.minus(GONE_AFTER), INTERRUPTED, now);
        if (!gone.isEmpty()) {
            log.warn("imports {} marked failed: their runner stopped before they ended (no heartbeat for {} s); they may be restarted", gone,
                    GONE_AFTER.toSeconds());
        }
    }

    /** Takes a failed import, or one whose runner is gone, for this run again, its counts and rejections forgotten. */
    boolean claim(long id) {
        Instant now = clock.instant();
        return database.inTransaction(() -> imports.claimForRestart(id, me, now.minus(GONE_AFTER), now));
    }
}
