package org.ffmas.crm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop and crash the packaged platform, and check no database process outlives it. */
class PlatformLifecycleIT {

    private static final Duration COLD_START = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private final Path logs = Path.of("target", "it-logs");

    private Map<String, String> settings(int port) {
        return Map.of("CRM_DATA_DIR", dataDir.toString(), "CRM_HTTP_PORT", String.valueOf(port));
    }

    @Test
    void sigtermStopsInOrderExitsZeroAndLeavesNoDatabaseProcess() throws Exception {
        try (PlatformProcess p = PlatformProcess.start(logs, "sigterm", settings(PlatformProcess.freePort()))) {
            p.awaitHealthy(COLD_START);
            assertThat(PlatformProcess.mariadbServing(dataDir)).as("embedded server running").hasSize(1);
            assertThat(p.health().body()).as("the first-party plugins beside the jar are started")
                    .contains("\"plugins\":{\"status\":\"UP\",\"details\":{\"loaded\":3,\"started\":3");

            long t0 = System.nanoTime();
            p.terminate();
            int exit = p.awaitExit(Duration.ofSeconds(15));

            assertThat(exit).as("exit code after SIGTERM").isZero();
            System.out.printf("stop after SIGTERM took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(PlatformProcess.mariadbServing(dataDir)).as("no mariadbd left").isEmpty();
            String log = p.stdout();
            assertThat(log).containsSubsequence("HTTP server stopped", "Camel context 'crm' stopped",
                    "embedded MariaDB stopped", "platform stopped");
        }
    }

    @Test
    void afterKillMinus9TheNextStartTakesOverTheOrphanedDatabase() throws Exception {
        int port = PlatformProcess.freePort();
        String generated;
        try (PlatformProcess crashed = PlatformProcess.start(logs, "kill9-first", settings(port))) {
            crashed.awaitHealthy(COLD_START);
            var m = java.util.regex.Pattern.compile("generated password (\\S+) ").matcher(crashed.stdout());
            assertThat(m.find()).as("first start prints the admin's generated password").isTrue();
            generated = m.group(1);
            crashed.kill();
            crashed.awaitExit(Duration.ofSeconds(10));
        }
        List<ProcessHandle> orphans = PlatformProcess.mariadbServing(dataDir);
        assertThat(orphans).as("kill -9 leaves the mariadbd child running").hasSize(1);

        try (PlatformProcess next = PlatformProcess.start(logs, "kill9-second", settings(port))) {
            next.awaitHealthy(COLD_START);
            assertThat(orphans.get(0).isAlive()).as("orphan stopped").isFalse();
            assertThat(next.stdout()).contains("left running by an earlier start")
                    .contains("did not stop cleanly")
                    .doesNotContain("generated password");
            assertThat(next.login("admin", generated)).as("the first admin survives the crash").isEqualTo(200);

            next.terminate();
            assertThat(next.awaitExit(Duration.ofSeconds(15))).isZero();
        }
        assertThat(PlatformProcess.mariadbServing(dataDir)).isEmpty();
    }

    @Test
    void aPortAlreadyTakenStopsTheStartNamingTheSettingAndStopsTheDatabase() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             PlatformProcess p = PlatformProcess.start(logs, "port-taken", settings(taken.getLocalPort()))) {
            int exit = p.awaitExit(COLD_START);

            assertThat(exit).isEqualTo(2);
            assertThat(p.stderr().lines().toList()).singleElement().asString()
                    .startsWith("crm: cannot start: CRM_HTTP_PORT (http.port): cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(p.stdout()).contains("embedded MariaDB stopped");
            assertThat(PlatformProcess.mariadbServing(dataDir)).as("no mariadbd left after a failed start").isEmpty();
        }
    }
}
