package org.ffmas.crm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad setting stops the packaged platform within seconds: exit 2, one line naming it. */
class BadSettingsIT {

    @TempDir
    Path dir;

    private final Path logs = Path.of("target", "it-logs");

    private PlatformProcess start(String name, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CRM_DATA_DIR", dir.resolve("data").toString());
        env.put("CRM_HTTP_PORT", String.valueOf(PlatformProcess.freePort()));
        env.putAll(extra);
        return PlatformProcess.start(logs, name, env);
    }

    private static String onlyLine(PlatformProcess p) throws Exception {
        assertThat(p.stderr().lines().toList()).as("exactly one line on stderr").hasSize(1);
        assertThat(p.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        return p.stderr().strip();
    }

    @Test
    void portThatIsNotANumber() throws Exception {
        try (PlatformProcess p = start("bad-port", Map.of("CRM_HTTP_PORT", "huit-mille"))) {
            assertThat(p.awaitExit(Duration.ofSeconds(10))).isEqualTo(2);
            assertThat(onlyLine(p)).isEqualTo("crm: cannot start: CRM_HTTP_PORT (http.port): 'huit-mille' (in the environment) "
                    + "is not a number; expected a TCP port between 0 and 65535 (0 picks a free one)");
        }
    }

    @Test
    void unreachableExternalDatabase() throws Exception {
        int closed = PlatformProcess.freePort();
        long t0 = System.nanoTime();
        try (PlatformProcess p = start("db-unreachable", Map.of("CRM_DB_URL", "jdbc:mariadb://127.0.0.1:" + closed + "/crm",
                "CRM_DB_USER", "crm", "CRM_DB_PASSWORD", "secret-password"))) {
            assertThat(p.awaitExit(Duration.ofSeconds(15))).isEqualTo(2);
            System.out.printf("gave up on an unreachable database after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(onlyLine(p)).startsWith("crm: cannot start: CRM_DB_URL (db.url): cannot connect to jdbc:mariadb://127.0.0.1:" + closed + "/crm")
                    .doesNotContain("secret-password");
            assertThat(p.stdout()).doesNotContain("secret-password");
        }
    }

    @Test
    void dataDirThatCannotBeWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        try (PlatformProcess p = start("data-dir", Map.of("CRM_DATA_DIR", file.resolve("data").toString()))) {
            assertThat(p.awaitExit(Duration.ofSeconds(10))).isEqualTo(2);
            assertThat(onlyLine(p)).startsWith("crm: cannot start: CRM_DATA_DIR (data.dir): '" + file.resolve("data") + "' (in the environment) is not a writable folder");
        }
    }

    @Test
    void configFileThatDoesNotExist() throws Exception {
        try (PlatformProcess p = start("config-missing", Map.of("CRM_CONFIG", dir.resolve("missing.properties").toString()))) {
            assertThat(p.awaitExit(Duration.ofSeconds(10))).isEqualTo(2);
            assertThat(onlyLine(p)).startsWith("crm: cannot start: CRM_CONFIG: the configuration file").contains("does not exist");
        }
    }
}
