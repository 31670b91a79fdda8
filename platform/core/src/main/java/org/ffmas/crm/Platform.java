package org.ffmas.crm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.audit.AuditRepository;
import org.ffmas.crm.audit.AuditResource;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.security.AuthResource;
import org.ffmas.crm.security.AuthService;
import org.ffmas.crm.security.CredentialRepository;
import org.ffmas.crm.security.PasswordHasher;
import org.ffmas.crm.security.PasswordPolicy;
import org.ffmas.crm.security.TokenResource;
import org.ffmas.crm.security.TokenService;
import org.ffmas.crm.security.UserRepository;
import org.ffmas.crm.security.UserResource;
import org.ffmas.crm.security.UserService;
import org.ffmas.crm.agreement.AgreementCalendarRoute;
import org.ffmas.crm.agreement.AgreementRepository;
import org.ffmas.crm.agreement.AgreementResource;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.agreement.PaperworkRepository;
import org.ffmas.crm.agreement.PaperworkService;
import org.ffmas.crm.storage.FileStore;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.imports.ImportRepository;
import org.ffmas.crm.imports.ImportResource;
import org.ffmas.crm.imports.ImportRoutes;
import org.ffmas.crm.imports.ImportService;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.ActivityRepository;
import org.ffmas.crm.partner.CompanyRepository;
import org.ffmas.crm.partner.CompanyResource;
import org.ffmas.crm.partner.RegistryEnrichment;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactRepository;
import org.ffmas.crm.partner.ContactResource;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.health.HealthService;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.integration.IntegrationResource;
import org.ffmas.crm.plugin.PluginApi;
import org.ffmas.crm.plugin.PluginCompanies;
import org.ffmas.crm.plugin.PluginHost;
import org.ffmas.crm.plugin.PluginResource;
import org.ffmas.crm.security.Caller;
import org.ffmas.crm.storage.Database;
import org.ffmas.crm.sync.SyncRepository;
import org.ffmas.crm.sync.SyncResource;
import org.ffmas.crm.sync.SyncSchedule;
import org.ffmas.crm.sync.SyncService;
import org.ffmas.crm.storage.DatabaseHealth;
import org.ffmas.crm.web.HealthResource;
import org.ffmas.crm.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The whole platform in one object. Starts storage, then Camel, then plugins, then HTTP; stops
 * in the reverse order, so that nothing runs on a part already gone. A start that fails
 * half-way stops what it had started.
 */
public final class Platform {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    private final PlatformSettings settings;
    private final Clock clock;
    private Database database;
    private CamelRuntime camel;
    /** Volatile, read without the platform's lock: services ask for it while a stop holds that lock and waits for them. */
    private volatile PluginHost plugins;
    private WebServer web;
    private PlatformRunRepository runs;
    private long runId;
    private AuthService auth;
    private AuditService audit;
    private CompanyService companyService;
    private ContactService contactService;
    private AgreementService agreementService;
    private RegistryEnrichment enrichment;
    private SyncService syncService;
    private org.ffmas.crm.campaign.CampaignRoutes campaignRoutes;
    private org.ffmas.crm.campaign.CampaignService campaignService;
    private ImportService importService;
    private PaperworkService paperworkService;
    private UserService userService;
    private TokenService tokenService;
    private final EventBus events = new EventBus();
    private List<Object> apiResources = List.of();
    private boolean started;

    public Platform(PlatformSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() throws Exception {
        long t0 = System.nanoTime();
        if (!SLF4JBridgeHandler.isInstalled()) {
            // Jersey logs through java.util.logging
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        try {
            database = Database.open(settings.externalDatabase(), settings.dataDir(), settings.dbPoolSize());
            database.migrate();
            events.deferUntilCommit(database::afterCommit);
            runs = new PlatformRunRepository(database.dsl());
            runId = runs.recordStart(version(), hostName(), clock.instant());
            runs.before(runId).filter(r -> r.stoppedAt().isEmpty()).ifPresent(r ->
                    log.warn("the previous run (#{} on {}, started {}) did not stop cleanly", r.id(), r.host(), r.startedAt()));

            camel = new CamelRuntime();
            camel.start();

            audit = new AuditService(new AuditRepository(database.dsl()), clock);
            List<Object> api = new ArrayList<>();
            api.addAll(security());
            api.addAll(partners());
            api.addAll(agreements());
            api.addAll(imports());
            api.addAll(sync());
            api.addAll(campaigns());
            api.addAll(pages());
            siteRoutes();

            PluginApi pluginApi = new PluginApi();
            plugins = new PluginHost(settings.pluginsDir(), settings.pluginsConfigDir(), settings.dataDir(), camel, events,
                    id -> new PluginCompanies(companyService, contactService, Caller.system("plugin:" + id, Role.STAFF)),
                    agreementService.forPlugins(), pluginApi);
            api.add(new PluginResource(plugins, pluginApi));
            api.add(new IntegrationResource(camel));
            api.add(0, new HealthResource(new HealthService(List.of(new DatabaseHealth(database), camel, plugins))));
            plugins.start();
            apiResources = List.copyOf(api);
            List<Object> components = new ArrayList<>(api);
            components.add(new AccessFilter(auth));
            web = new WebServer(settings.httpHost(), settings.httpPort(), components);
            web.start();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        started = true;
        log.info("platform {} started in {} ms (run #{}, {})", version(), (System.nanoTime() - t0) / 1_000_000, runId, settings);
    }

    /** Stops in order; safe to call more than once and after a failed start. */
    public synchronized void stop() {
        if (web != null) {
            web.stop();
            web = null;
        }
        if (campaignRoutes != null) {
            campaignRoutes.stop();
            campaignRoutes = null;
        }
        if (syncService != null) {
            syncService.stop();
            syncService = null;
        }
        if (plugins != null) {
            plugins.stop();
            plugins = null;
        }
        if (camel != null) {
            camel.stop();
            camel = null;
        }
        if (database != null) {
            if (started) {
                try {
                    runs.recordStop(runId, clock.instant());
                } catch (RuntimeException e) {
                    log.warn("could not record the end of run #{}: {}", runId, e.getMessage());
                }
            }
            database.close();
            database = null;
        }
        if (started) {
            started = false;
            log.info("platform stopped (run #{})", runId);
        }
    }

    /** Staff accounts, tokens and the audit log; the first admin on an empty database. */
    private List<Object> security() {
        UserRepository users = new UserRepository(database.dsl());
        CredentialRepository credentials = new CredentialRepository(database.dsl());
        PasswordHasher hasher = new PasswordHasher();
        userService = new UserService(database, users, credentials, hasher, new PasswordPolicy(), audit, clock);
        userService.ensureFirstAdmin(settings.adminPassword()).ifPresent(password ->
                log.warn("first start: created the user 'admin' with the generated password {} - it is shown only this once; change it", password));
        auth = new AuthService(users, credentials, hasher, settings.auth(), audit, clock);
        TokenService tokens = tokenService = new TokenService(database, credentials, audit, clock);
        return List.of(new AuthResource(auth, userService), new UserResource(userService), new TokenResource(tokens),
                new AuditResource(audit));
    }

    /** Sponsorship and partnership agreements, and their calendar route. */
    private List<Object> agreements() throws Exception {
        AgreementService service = agreementService = new AgreementService(database, new AgreementRepository(database.dsl()), companyService, contactService,
                new UserDirectory(new UserRepository(database.dsl())), audit, events, clock, settings.agreements().tiers(),
                settings.agreements().reminderDays());
        camel.context().addRoutes(new AgreementCalendarRoute(service, settings.agreements().calendarSeconds()));
        PaperworkService paperwork = paperworkService = new PaperworkService(database, new PaperworkRepository(database.dsl()), service, companyService,
                new FileStore(settings.dataDir().resolve("documents")), audit, clock, settings.receiptIssuer());
        return List.of(new AgreementResource(service, paperwork));
    }

    /**
     * The site's YAML routes, with what they may use: the {@code exports} bean, and the
     * properties {@code crm.data.dir} and {@code crm.nightly.delay} (milliseconds to the next 2:00
     * in Paris, for a daily timer).
     */
    private void siteRoutes() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("crm.data.dir", settings.dataDir().toString().replace('\\', '/'));
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(java.time.ZoneId.of("Europe/Paris")));
        java.time.ZonedDateTime next = now.toLocalDate().atTime(2, 0).atZone(now.getZone());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        props.setProperty("crm.nightly.delay", String.valueOf(java.time.Duration.between(now, next).toMillis()));
        camel.context().getPropertiesComponent().setInitialProperties(props);
        camel.context().getRegistry().bind("exports", new org.ffmas.crm.integration.AccountingExports(companyService, agreementService));
        camel.loadRouteFiles(settings.routesDir());
    }

    /** CSV imports, from the API and from the inbox folders. */
    private List<Object> imports() throws Exception {
        ImportService service = importService = new ImportService(database, new ImportRepository(database.dsl()), companyService, contactService,
                settings.dataDir().resolve("imports"), clock, enrichment);
        camel.context().addRoutes(new ImportRoutes(service, settings.dataDir().resolve("inbox")));
        return List.of(new ImportResource(service, camel.context().createProducerTemplate()));
    }

    /** Two-way sync with the plugins' connectors, on a schedule and on request. */
    private List<Object> sync() throws Exception {
        syncService = new SyncService(database, new SyncRepository(database.dsl()), companyService, contactService, this::plugins, audit, clock,
                settings.sync());
        if (settings.sync().intervalSeconds() > 0) {
            camel.context().addRoutes(new SyncSchedule(syncService, settings.sync().intervalSeconds()));
        }
        return List.of(new SyncResource(syncService));
    }

    /** Mailing campaigns: their API, the unsubscribe page, the dispatcher and mailbox routes. */
    private List<Object> campaigns() throws Exception {
        org.ffmas.crm.campaign.CampaignService service = campaignService = new org.ffmas.crm.campaign.CampaignService(database,
                new org.ffmas.crm.campaign.CampaignRepository(database.dsl()), companyService, contactService, audit, events, clock,
                settings.mail(), settings.dataDir(), this::plugins);
        if (settings.mail().smtp().isPresent() && settings.mail().publicUrl().startsWith("http:")) {
            // large mail providers expect bulk mail's unsubscribe link over https
            log.warn("public.url is {}: campaign unsubscribe links will not be https; set CRM_PUBLIC_URL to the https address "
                    + "recipients reach", settings.mail().publicUrl());
        }
        campaignRoutes = new org.ffmas.crm.campaign.CampaignRoutes(service);
        camel.context().addRoutes(campaignRoutes);
        return List.of(new org.ffmas.crm.campaign.CampaignResource(service), new org.ffmas.crm.campaign.UnsubscribeResource(service));
    }

    /** The staff's web pages, served beside the API. */
    private List<Object> pages() {
        org.ffmas.crm.ui.Views views = new org.ffmas.crm.ui.Views();
        return List.of(new org.ffmas.crm.ui.SessionPages(auth, views),
                new org.ffmas.crm.ui.HomePages(views, auth, companyService, agreementService, campaignService, syncService, this::plugins),
                new org.ffmas.crm.ui.CompanyPages(views, companyService, contactService, agreementService, paperworkService, audit),
                new org.ffmas.crm.ui.UserPages(views, userService, tokenService),
                new org.ffmas.crm.ui.CampaignPages(views, campaignService),
                new org.ffmas.crm.ui.AdminPages(views, importService, camel.context().createProducerTemplate(), syncService, this::plugins),
                new org.ffmas.crm.ui.ErrorPages(views));
    }

    /** Companies, contacts and their timelines. */
    private List<Object> partners() {
        UserDirectory directory = new UserDirectory(new UserRepository(database.dsl()));
        ContactRepository contactRepository = new ContactRepository(database.dsl());
        ActivityRepository activities = new ActivityRepository(database.dsl());
        companyService = new CompanyService(database, new CompanyRepository(database.dsl()), contactRepository, activities,
                directory, audit, events, clock);
        contactService = new ContactService(database, contactRepository, companyService, activities, audit, events, clock);
        enrichment = new RegistryEnrichment(companyService, this::plugins);
        return List.of(new CompanyResource(companyService, contactService, enrichment), new ContactResource(contactService));
    }

    /** The CamelContext's owner, for tests. */
    public synchronized CamelRuntime camel() {
        return camel;
    }

    /** The plugin host, for tests and the admin API. */
    public PluginHost plugins() {
        return plugins;
    }

    /** The JAX-RS resources the API serves, for tests that walk every route. */
    public synchronized List<Object> apiResources() {
        return apiResources;
    }

    public synchronized int httpPort() {
        return web.port();
    }

    /** Where domain events are published, for listeners (audit, routes, plugins). */
    public EventBus events() {
        return events;
    }

    public synchronized Database database() {
        return database;
    }

    public synchronized long runId() {
        return runId;
    }

    static String version() {
        String v = Platform.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
