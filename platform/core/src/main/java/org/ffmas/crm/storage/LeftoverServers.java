package org.ffmas.crm.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a MariaDB server still running on our data folder: after a {@code kill -9}
 * of the platform its {@code mariadbd} child survives, holds the InnoDB lock and would keep
 * the next start from ever getting the database.
 */
final class LeftoverServers {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServers.class);

    private LeftoverServers() {}

    /** Processes whose command line is a mariadbd serving {@code dataDir}. */
    static List<ProcessHandle> using(Path dataDir) throws IOException {
        String canonical = dataDir.toFile().getCanonicalPath();
        String argument = "--datadir=" + canonical;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(argument)).orElse(false))
                .toList();
    }

    /** Stops them: a polite SIGTERM first (InnoDB shuts down cleanly), SIGKILL after 30 s. */
    static void stopAnyUsing(Path dataDir) throws IOException {
        for (ProcessHandle p : using(dataDir)) {
            log.warn("a MariaDB server (pid {}) left running by an earlier start still uses {}; stopping it", p.pid(), dataDir);
            p.destroy();
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("MariaDB server pid {} did not stop within 30 s; killing it", p.pid());
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception again) {
                    throw new IOException("cannot stop the MariaDB server (pid " + p.pid() + ") that still uses " + dataDir);
                }
            }
        }
    }
}
