package org.ffmas.crm.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, empty database for one test class, dropped after it. On the MariaDB server named by
 * {@code CRM_TEST_DB_URL} (with {@code CRM_TEST_DB_USER}, default root, and
 * {@code CRM_TEST_DB_PASSWORD}, default empty) when set; else on an embedded MariaDB shared by
 * the whole test JVM, in a folder of its own under {@code target/}.
 *
 * <pre>{@code @RegisterExtension static final TestDatabase db = new TestDatabase();}</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private ExternalDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        ExternalDatabase server = Server.connection();
        String name = "crm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        database = new ExternalDatabase(withDatabase(server.url(), name), server.user(), server.password());
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (database == null) {
            return;
        }
        String name = database.url().substring(database.url().lastIndexOf('/') + 1);
        try (Connection c = connect(Server.connection()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }

    /** Drops the test class's database and creates it again, empty. */
    public void reset() throws SQLException {
        String name = database.url().substring(database.url().lastIndexOf('/') + 1);
        try (Connection c = connect(Server.connection()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE `" + name + "`");
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** Where the test class's database is. */
    public ExternalDatabase connection() {
        return database;
    }

    /** The platform's {@link Database} on the test class's database (the caller closes it). */
    public Database open() throws IOException {
        return Database.open(Optional.of(database), Path.of("target"), 4);
    }

    /** Whether the tests run against a server given by CRM_TEST_DB_URL rather than the embedded one. */
    public static boolean onExternalServer() {
        return System.getenv("CRM_TEST_DB_URL") != null;
    }

    private static Connection connect(ExternalDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static String withDatabase(String serverUrl, String name) {
        String base = serverUrl.contains("?") ? serverUrl.substring(0, serverUrl.indexOf('?')) : serverUrl;
        String afterScheme = base.substring(base.indexOf("//") + 2);
        int slash = afterScheme.indexOf('/');
        String hostPort = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
        return base.substring(0, base.indexOf("//") + 2) + hostPort + "/" + name;
    }

    /** The server the test databases are created on, started once per JVM when embedded. */
    private static final class Server {
        private static ExternalDatabase connection;

        static synchronized ExternalDatabase connection() {
            if (connection != null) {
                return connection;
            }
            String url = System.getenv("CRM_TEST_DB_URL");
            if (url != null) {
                connection = new ExternalDatabase(url,
                        Optional.ofNullable(System.getenv("CRM_TEST_DB_USER")).orElse("root"),
                        Optional.ofNullable(System.getenv("CRM_TEST_DB_PASSWORD")).orElse(""));
                return connection;
            }
            // one folder per JVM: parallel test JVMs must not share a data folder
            Path root = Path.of("target", "test-mariadb", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(root);
            try {
                embedded.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                embedded.stop();
                deleteQuietly(root);
            }));
            connection = embedded.rootConnection();
            return connection;
        }

        private static void deleteQuietly(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // left in target/, removed by the next clean
            }
        }
    }
}
