package org.ffmas.crm.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;
import org.ffmas.crm.config.Setting;
import org.ffmas.crm.config.SettingException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's database: an external MariaDB server or the embedded one, a HikariCP pool on
 * it, its schema brought up to date by Flyway, and jOOQ to query it.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How long the reachability check at start waits before the database counts as unreachable. */
    private static final int CONNECTION_TIMEOUT_MS = 3000;

    /**
     * Network timeout for the statements known to run long (bulk loads, migrations): the pool's
     * short one is there to notice a frozen server, not to cut a big import short.
     */
    static final int LONG_WORK_TIMEOUT_MS = 30 * 60_000;

    private final Optional<EmbeddedMariaDb> embedded;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private final ExternalDatabase server;

    private Database(Optional<EmbeddedMariaDb> embedded, ExternalDatabase server, HikariDataSource pool) {
        this.embedded = embedded;
        this.server = server;
        this.pool = pool;
        // thread-bound transactions: repositories called inside inTransaction() share its connection
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(SQLDialect.MARIADB)
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(pool))));
    }

    /**
     * Opens the external database if one is configured, else starts the embedded one under
     * {@code dataDir/mariadb}. A server that cannot be reached or refuses our account is a
     * {@link SettingException} naming the setting to fix.
     *
     * @param timeoutSeconds how long a caller waits for a connection, and for the server to answer
     *     a statement, before the database counts as unavailable (a frozen server must not hang requests)
     */
    public static Database open(Optional<ExternalDatabase> external, Path dataDir, int poolSize, int timeoutSeconds) throws IOException {
        if (external.isPresent()) {
            ExternalDatabase db = external.get();
            checkReachable(db);
            return new Database(Optional.empty(), db, pool(db, poolSize, timeoutSeconds));
        }
        EmbeddedMariaDb embedded = new EmbeddedMariaDb(dataDir.resolve("mariadb"));
        try {
            embedded.start();
            return new Database(Optional.of(embedded), embedded.connection(), pool(embedded.connection(), poolSize, timeoutSeconds));
        } catch (IOException | RuntimeException e) {
            embedded.stop();
            throw e;
        }
    }

    /** {@link #open(Optional, Path, int, int)} with the default timeout. */
    public static Database open(Optional<ExternalDatabase> external, Path dataDir, int poolSize) throws IOException {
        return open(external, dataDir, poolSize, PlatformSettings.DatabaseSettings.DEFAULT_TIMEOUT_SECONDS);
    }

    private static void checkReachable(ExternalDatabase db) {
        Properties props = credentials(db);
        props.setProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT_MS));
        try (Connection c = DriverManager.getConnection(db.url(), props)) {
            String version = c.getMetaData().getDatabaseProductVersion();
            log.info("connected to MariaDB {} at {}", version, withoutQuery(db.url()));
        } catch (SQLException e) {
            throw connectionProblem(db, e);
        }
    }

    private static SettingException connectionProblem(ExternalDatabase db, SQLException e) {
        String url = withoutQuery(db.url());
        // error codes: https://mariadb.com/kb/en/mariadb-error-codes/
        return switch (e.getErrorCode()) {
            case 1045, 1044 -> new SettingException(Setting.DB_USER.envName() + " / " + Setting.DB_PASSWORD.envName(),
                    "the server at " + url + " refused user '" + db.user() + "' (access denied)", e);
            case 1049 -> new SettingException(Setting.DB_URL,
                    "the database named in " + url + " does not exist on that server; create it first", e);
            default -> new SettingException(Setting.DB_URL,
                    "cannot connect to " + url + ": " + firstLine(e.getMessage()), e);
        };
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static Properties credentials(ExternalDatabase db) {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password());
        return props;
    }

    private static HikariDataSource pool(ExternalDatabase db, int size, int timeoutSeconds) {
        int timeoutMs = timeoutSeconds * 1000;
        HikariConfig config = new HikariConfig();
        config.setPoolName("crm-db");
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(timeoutMs);
        config.setValidationTimeout(Math.min(2000, timeoutMs / 2));
        config.setKeepaliveTime(60_000);
        // reachability was checked already; a pool that starts empty recovers by itself later
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(timeoutMs));
        // a server that stops answering (frozen, network cut) fails the statement after this long
        // instead of holding the request and its connection for ever
        config.addDataSourceProperty("socketTimeout", String.valueOf(timeoutMs));
        // imports append their rows with LOAD DATA LOCAL INFILE fed from memory (BulkLoad); the
        // driver sends only the file a statement of ours names
        config.addDataSourceProperty("allowLocalInfile", "true");
        // instants are stored as UTC TIMESTAMP(6): every session works in UTC
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        return new HikariDataSource(config);
    }

    /** Applies the pending Flyway migrations; returns how many were applied. */
    public int migrate() {
        // its own connection, without the pool's network timeout: a migration may rewrite a big table
        MigrateResult result = Flyway.configure()
                .dataSource(server.url(), server.user(), server.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        log.info("database schema at version {} ({} migration(s) applied)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        return result.migrationsExecuted;
    }

    /** What to do once the outermost transaction of this thread commits, one list per nesting level. */
    private final ThreadLocal<Deque<List<Runnable>>> afterCommit = ThreadLocal.withInitial(ArrayDeque::new);

    /**
     * Runs {@code work} in one transaction: all of it is committed, or none of it. Called inside
     * another, it is nested (a savepoint): its failure undoes its own work only.
     */
    public <T> T inTransaction(Supplier<T> work) {
        Deque<List<Runnable>> levels = afterCommit.get();
        levels.push(new ArrayList<>());
        T result;
        try {
            result = dsl.transactionResult(work::get);
        } catch (RuntimeException | Error e) {
            levels.pop();
            throw e;
        }
        List<Runnable> mine = levels.pop();
        if (levels.isEmpty()) {
            mine.forEach(Runnable::run);
        } else {
            levels.peek().addAll(mine);
        }
        return result;
    }

    /** Runs {@code action} once the current transaction is committed (at once when there is none); never if it rolls back. */
    public void afterCommit(Runnable action) {
        Deque<List<Runnable>> levels = afterCommit.get();
        if (levels.isEmpty()) {
            action.run();
        } else {
            levels.peek().add(action);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The embedded server, when the platform runs on it. */
    public Optional<EmbeddedMariaDb> embedded() {
        return embedded;
    }

    /** Closes the pool, then stops the embedded server if there is one. */
    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedMariaDb::stop);
    }
}
