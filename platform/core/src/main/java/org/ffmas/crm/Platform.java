package org.ffmas.crm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.accounting.AccountingExports;
import org.ffmas.crm.agreement.AgreementModule;
import org.ffmas.crm.audit.AuditModule;
import org.ffmas.crm.campaign.CampaignModule;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.ContributedExtensions;
import org.ffmas.crm.health.HealthService;
import org.ffmas.crm.imports.ImportModule;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.integration.SiteRoutes;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.plugin.PluginHost;
import org.ffmas.crm.plugin.PluginModule;
import org.ffmas.crm.security.SecurityModule;
import org.ffmas.crm.storage.Database;
import org.ffmas.crm.storage.StorageModule;
import org.ffmas.crm.sync.SyncModule;
import org.ffmas.crm.ui.UiModule;
import org.ffmas.crm.web.HealthResource;
import org.ffmas.crm.web.WebModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The whole platform in one object: the list of its modules, each built from the ones before it
 * and started at once. Stops them in the reverse order (HTTP first, then the campaign and sync
 * routes drain, then plugins, then Camel, then the pool), also after a start that failed half-way.
 */
public final class Platform {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    private final PlatformSettings settings;
    private final Clock clock;
    private final EventBus events = new EventBus();
    private final StartedModules modules = new StartedModules();
    private StorageModule storage;
    private Database database;
    private CamelRuntime camel;
    /** Volatile, read without the platform's lock: tests ask for it while a stop holds that lock. */
    private volatile PluginHost plugins;
    private PlatformRuns runs;
    private WebModule web;
    private List<Object> apiResources = List.of();

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
            startModules();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        log.info("platform {} started in {} ms (run #{}, {})", version(), (System.nanoTime() - t0) / 1_000_000, runs.runId(), settings);
    }

    /** The modules, in the order they start: each is given what it needs from those before it. */
    private void startModules() throws Exception {
        storage = start(new StorageModule(settings.database(), settings.folders().data()));
        database = storage.database();
        events.deferUntilCommit(database::afterCommit);
        runs = start(new PlatformRuns(database, clock, version()));
        camel = start(new CamelRuntime());
        ContributedExtensions extensions = new ContributedExtensions();

        var audit = start(new AuditModule(database, clock)).audit();
        var security = start(new SecurityModule(database, audit, clock, settings.auth(), settings.adminPassword()));
        var partners = start(new PartnerModule(database, security.directory(), audit, events, clock, extensions));
        var agreements = start(new AgreementModule(database, camel, partners, security.directory(), audit, events, clock,
                settings.agreements(), settings.folders().data()));
        var imports = start(new ImportModule(database, camel, partners, clock, settings.folders().data(), runs.runId()));
        start(new SiteRoutes(camel, settings.folders(), clock,
                Map.of("exports", new AccountingExports(partners.companies(), agreements.agreements()))));
        var pluginModule = start(new PluginModule(settings.folders(), settings.http().outboundAllowlist(), camel, events, partners,
                agreements.agreements(), extensions));
        plugins = pluginModule.host();
        var sync = start(new SyncModule(database, camel.context(), partners, extensions, audit, clock, settings.sync()));
        var campaigns = start(new CampaignModule(database, camel, partners, audit, events, clock, settings.mail(), settings.folders().data(),
                extensions));
        start(new UiModule(security, partners, agreements, audit, campaigns.campaigns(), imports.imports(), sync.sync(), plugins, camel));

        List<Object> api = new ArrayList<>();
        api.add(new HealthResource(new HealthService(List.of(storage.health(), camel, plugins))));
        api.addAll(modules.webResources());
        apiResources = List.copyOf(api);
        web = start(new WebModule(settings.http(), settings.mail().links().publicUrl(), apiResources));
    }

    private <M extends Managed> M start(M module) throws Exception {
        return modules.start(module);
    }

    /** Stops the started modules, last started first; safe to call more than once and after a failed start. */
    public synchronized void stop() {
        boolean wasStarted = !modules.isEmpty();
        modules.stopAll();
        plugins = null;
        database = null;
        if (wasStarted) {
            log.info("platform stopped (run #{})", runs == null ? "-" : runs.runId());
        }
    }

    /** The CamelContext's owner, for tests. */
    public synchronized CamelRuntime camel() {
        return camel;
    }

    /** The plugin host, for tests. */
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
        return runs.runId();
    }

    static String version() {
        String v = Platform.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
