package org.ffmas.crm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.ffmas.crm.storage.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, in-process, on a test class's own database (see {@link TestDatabase}),
 * started before the class's tests and stopped after them.
 */
public final class TestPlatform implements BeforeAllCallback, AfterAllCallback {

    public static final String ADMIN_PASSWORD = "Plateforme-Gestion-2026!";

    private final TestDatabase database = new TestDatabase();
    private final AuthSettings auth;
    private Platform platform;
    private ApiClient client;
    private Path dataDir;
    private Path pluginsDir;
    private Path routesDir;
    private PlatformSettings.AgreementSettings agreements = PlatformSettings.AgreementSettings.DEFAULTS;
    private Clock clock = Clock.systemUTC();
    private PlatformSettings.ReceiptIssuer receiptIssuer = PlatformSettings.ReceiptIssuer.UNSET;
    // the schedule is off in tests: they run connectors on request
    private PlatformSettings.SyncSettings sync = new PlatformSettings.SyncSettings(0, 2, 50);
    private PlatformSettings.MailSettings mail = PlatformSettings.MailSettings.DEFAULTS;
    private PlatformSettings.HttpSettings http = new PlatformSettings.HttpSettings("127.0.0.1", 0);
    private java.util.function.UnaryOperator<PlatformSettings.ExternalDatabase> databaseRoute = db -> db;
    private int databaseTimeoutSeconds = PlatformSettings.DatabaseSettings.DEFAULT_TIMEOUT_SECONDS;

    public TestPlatform() {
        this(AuthSettings.DEFAULTS);
    }

    public TestPlatform(AuthSettings auth) {
        this.auth = auth;
    }

    /** Runs the platform on this clock (e.g. one the test moves forward). */
    public TestPlatform withClock(Clock testClock) {
        this.clock = testClock;
        return this;
    }

    public TestPlatform withReceiptIssuer(PlatformSettings.ReceiptIssuer issuer) {
        this.receiptIssuer = issuer;
        return this;
    }

    public TestPlatform withSync(PlatformSettings.SyncSettings settings) {
        this.sync = settings;
        return this;
    }

    /** Serves HTTP with these bounds, proxies and outbound exceptions (its host and port are ignored: 127.0.0.1, a free port). */
    public TestPlatform withHttp(PlatformSettings.HttpSettings settings) {
        this.http = settings;
        return this;
    }

    /** Reaches the database through what this makes of its address (e.g. a relay that can be frozen). */
    public TestPlatform withDatabaseThrough(java.util.function.UnaryOperator<PlatformSettings.ExternalDatabase> route) {
        this.databaseRoute = route;
        return this;
    }

    public TestPlatform withDatabaseTimeout(int seconds) {
        this.databaseTimeoutSeconds = seconds;
        return this;
    }

    public TestPlatform withMail(PlatformSettings.MailSettings settings) {
        this.mail = settings;
        return this;
    }

    /** The mail settings the platform starts with (tests change them between restarts). */
    public PlatformSettings.MailSettings mail() {
        return mail;
    }

    public TestPlatform withAgreements(PlatformSettings.AgreementSettings settings) {
        this.agreements = settings;
        return this;
    }

    /** Loads the site's YAML routes from this folder (default: an empty one of the test's). */
    public TestPlatform withRoutesDir(Path dir) {
        this.routesDir = dir;
        return this;
    }

    /** Loads plugins from this folder (default: an empty one of the test's). */
    public TestPlatform withPluginsDir(Path dir) {
        this.pluginsDir = dir;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database.beforeAll(context);
        dataDir = Files.createTempDirectory("crm-test-platform");
        if (pluginsDir == null) {
            pluginsDir = dataDir.resolve("plugins");
        }
        if (routesDir == null) {
            routesDir = dataDir.resolve("routes");
        }
        start(Optional.of(ADMIN_PASSWORD));
    }

    /** Where the test class's database is. */
    public org.ffmas.crm.config.PlatformSettings.ExternalDatabase database() {
        return database.connection();
    }

    /** The platform's data folder. */
    public Path dataDir() {
        return dataDir;
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    /** Starts (again) on the same database, with this first-admin password setting. */
    public void start(Optional<String> adminPassword) throws Exception {
        PlatformSettings settings = new PlatformSettings(new PlatformSettings.HttpSettings("127.0.0.1", 0, http.trustedProxies(),
                http.maxJsonBytes(), http.maxUploadBytes(), http.outboundAllowlist()),
                new PlatformSettings.DatabaseSettings(Optional.of(databaseRoute.apply(database.connection())), 4, databaseTimeoutSeconds),
                new PlatformSettings.Folders(dataDir, pluginsDir, dataDir.resolve("plugin-config"), routesDir),
                adminPassword, auth, agreements.withReceiptIssuer(receiptIssuer), sync, mail);
        platform = new Platform(settings, clock);
        platform.start();
        client = new ApiClient(platform.httpPort());
    }

    /** Stops the platform and empties its database, as for a first start. */
    public void stopAndEmptyDatabase() throws Exception {
        stop();
        database.reset();
    }

    public void stop() {
        if (platform != null) {
            platform.stop();
            platform = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        database.afterAll(context);
    }

    public Platform platform() {
        return platform;
    }

    public ApiClient client() {
        return client;
    }

    public String adminToken() {
        return client.login("admin", ADMIN_PASSWORD);
    }
}
