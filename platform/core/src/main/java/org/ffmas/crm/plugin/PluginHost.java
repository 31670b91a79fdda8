package org.ffmas.crm.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.ffmas.crm.api.ApiVersion;
import org.ffmas.crm.api.Companies;
import org.ffmas.crm.api.CrmPlugin;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.PluginSettings;
import org.ffmas.crm.api.SettingSpec;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.api.extension.ApiContributor;
import org.ffmas.crm.api.extension.DomainEventListener;
import org.ffmas.crm.api.extension.RouteContributor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.FieldError;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.ContributedExtensions;
import org.ffmas.crm.health.ComponentHealth;
import org.ffmas.crm.health.HealthCheck;
import org.ffmas.crm.integration.CamelRuntime;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J plugin host owned by the platform. Loads the plugins of the plugins folder, checks
 * their API version and settings, starts them (adding their Camel routes, event listeners and
 * API resources), stops, uploads and removes them while the platform serves. A plugin that
 * fails is marked FAILED with the reason; nothing it does takes the platform down.
 */
public final class PluginHost implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    /** How long a plugin's event listener may take with one event before it is interrupted. */
    static final long LISTENER_TIMEOUT_MS = 5_000;

    /** What a started plugin added to the platform, to take back when it stops. */
    private record Wiring(List<String> routeIds, Consumer<DomainEvent> listener, ExecutorService worker) {}

    private final Path pluginsDir;
    private final Path configDir;
    private final Path dataDir;
    private final CamelRuntime camel;
    private final EventBus events;
    private final Function<String, Companies> companiesFor;
    private final org.ffmas.crm.api.Agreements agreements;
    private final PluginApi api;
    private final ContributedExtensions published;
    private final CrmPluginManager manager;
    private final Map<String, Wiring> wired = new ConcurrentHashMap<>();
    private final Map<String, Context> contexts = new ConcurrentHashMap<>();
    /** Plugin id → why it FAILED. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** Files in the plugins folder that are not loadable plugins → why. */
    private final Map<String, String> brokenFiles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugin-listener-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param configDir where {@code <id>.properties} files hold plugin settings
     * @param dataDir the platform's data folder: plugins get {@code plugins/<id>} in it
     * @param companiesFor the companies service acting as a given plugin
     */
    public PluginHost(Path pluginsDir, Path configDir, Path dataDir, CamelRuntime camel, EventBus events,
                      Function<String, Companies> companiesFor, org.ffmas.crm.api.Agreements agreements, PluginApi api,
                      ContributedExtensions published) {
        this.pluginsDir = pluginsDir;
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.camel = camel;
        this.events = events;
        this.companiesFor = companiesFor;
        this.agreements = agreements;
        this.api = api;
        this.published = published;
        this.manager = new CrmPluginManager(pluginsDir);
        manager.setSystemVersion(ApiVersion.CURRENT);
    }

    /** Loads every plugin of the folder and starts those not disabled. */
    public synchronized void start() {
        if (!Files.isDirectory(pluginsDir)) {
            log.info("no plugins folder at {}; running without plugins", pluginsDir);
            return;
        }
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path file : files.filter(PluginHost::isPluginFile).sorted().toList()) {
                load(file);
            }
        } catch (IOException e) {
            log.error("cannot read the plugins folder {}: {}", pluginsDir, e.getMessage());
        }
        for (PluginWrapper p : manager.getPlugins()) {
            if (p.getPluginState() != PluginState.DISABLED && !failures.containsKey(p.getPluginId())) {
                tryStart(p.getPluginId());
            }
        }
    }

    private static boolean isPluginFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isDirectory(p) || name.endsWith(".jar") || name.endsWith(".zip");
    }

    /** Loads one plugin file; a file that is not a plugin is remembered as broken, with the reason. */
    private Optional<String> load(Path file) {
        try {
            String id = manager.loadPlugin(file);
            brokenFiles.remove(file.getFileName().toString());
            checkApiVersion(manager.getPlugin(id));
            return Optional.of(id);
        } catch (RuntimeException e) {
            String reason = reason(e);
            brokenFiles.put(file.getFileName().toString(), reason);
            log.error("plugin file {} cannot be loaded: {}", file.getFileName(), reason);
            return Optional.empty();
        }
    }

    private void checkApiVersion(PluginWrapper p) {
        if (!apiVersionFits(p)) {
            fail(p, "needs platform API " + p.getDescriptor().getRequires() + "; this platform implements " + ApiVersion.CURRENT, null);
        }
    }

    /** Whether the plugin's {@code requires} range contains this platform's API version (no range: any). */
    private boolean apiVersionFits(PluginWrapper p) {
        String requires = p.getDescriptor().getRequires();
        return requires == null || requires.isBlank() || "*".equals(requires.strip())
                || manager.getVersionManager().checkVersionConstraint(ApiVersion.CURRENT, requires);
    }

    private void tryStart(String id) {
        try {
            startPlugin(id);
        } catch (RuntimeException e) {
            log.error("plugin {} did not start: {}", id, e.getMessage());
        }
    }

    public synchronized List<PluginInfo> list() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper p : manager.getPlugins()) {
            var d = p.getDescriptor();
            out.add(new PluginInfo(p.getPluginId(), d.getVersion(), state(p), d.getPluginDescription(), d.getProvider(), d.getLicense(),
                    d.getRequires(), extensionNames(p), failures.get(p.getPluginId())));
        }
        brokenFiles.forEach((file, reason) -> out.add(new PluginInfo(file, null, "FAILED", null, null, null, null, List.of(), reason)));
        return out;
    }

    private String state(PluginWrapper p) {
        if (failures.containsKey(p.getPluginId())) {
            return "FAILED";
        }
        return switch (p.getPluginState()) {
            case STARTED -> "STARTED";
            case DISABLED -> "DISABLED";
            case FAILED -> "FAILED";
            default -> "STOPPED";
        };
    }

    private List<String> extensionNames(PluginWrapper p) {
        try {
            return manager.getExtensionClassNames(p.getPluginId()).stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public synchronized PluginInfo info(String id) {
        return list().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("No plugin with id " + id + "."));
    }

    private PluginWrapper wrapper(String id) {
        PluginWrapper p = manager.getPlugin(id);
        if (p == null) {
            throw new NotFoundException("No plugin with id " + id + ".");
        }
        return p;
    }

    /**
     * Starts a plugin: its settings are checked, its main class started, then its routes,
     * listeners and API added. Any failure leaves it FAILED with the reason, and nothing of it running.
     */
    public synchronized PluginInfo startPlugin(String id) {
        PluginWrapper p = wrapper(id);
        if (p.getPluginState() == PluginState.DISABLED) {
            throw new ConflictException("Plugin " + id + " is disabled; enable it first.", null);
        }
        if (p.getPluginState() == PluginState.STARTED && wired.containsKey(id)) {
            return info(id);
        }
        if (!apiVersionFits(p)) {
            throw new ConflictException("Plugin " + id + " cannot start: " + failures.get(id), null);
        }
        failures.remove(id);
        Context context;
        try {
            org.pf4j.Plugin main = p.getPlugin();
            if (main == null) {
                // PF4J logs the cause and gives null: the class is missing or cannot be made
                String reason = "missing class " + p.getDescriptor().getPluginClass()
                        + " (or it has no public constructor without arguments)";
                fail(p, reason, null);
                throw new ConflictException("Plugin " + id + " cannot start: " + reason, null);
            }
            List<SettingSpec> specs = main instanceof CrmPlugin crm ? crm.settings() : List.of();
            PluginSettingValues settings = settings(id, specs);
            List<FieldError> problems = settings.problems();
            if (!problems.isEmpty()) {
                String reason = "invalid settings: " + describe(problems);
                fail(p, reason, null);
                throw new ConflictException("Plugin " + id + " cannot start: " + reason, null);
            }
            context = new Context(id, settings);
            if (main instanceof CrmPlugin crm) {
                crm.attach(context);
            }
        } catch (ConflictException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            fail(p, reason(e), e);
            throw new ConflictException("Plugin " + id + " cannot start: " + reason(e), null);
        }
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            String reason = p.getFailedException() != null ? reason(p.getFailedException()) : "it did not start (" + state + ")";
            fail(p, reason, null);
            throw new ConflictException("Plugin " + id + " cannot start: " + reason, null);
        }
        try {
            wire(p, context);
        } catch (Exception | LinkageError e) {
            unwire(id);
            manager.stopPlugin(id);
            fail(p, reason(e), e);
            throw new ConflictException("Plugin " + id + " cannot start: " + reason(e), null);
        }
        log.info("plugin {} {} started", id, p.getDescriptor().getVersion());
        return info(id);
    }

    private void wire(PluginWrapper p, Context context) throws Exception {
        String id = p.getPluginId();
        List<String> routeIds = new ArrayList<>();
        for (RouteContributor c : manager.getExtensions(RouteContributor.class, id)) {
            routeIds.addAll(camel.addRoutes(id, c.routes(context)));
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugin-" + id + "-events");
            t.setDaemon(true);
            t.setContextClassLoader(p.getPluginClassLoader());
            return t;
        });
        List<DomainEventListener> listeners = manager.getExtensions(DomainEventListener.class, id);
        Consumer<DomainEvent> listener = listeners.isEmpty() ? null : event -> deliver(id, listeners, event, context, worker);
        wired.put(id, new Wiring(routeIds, listener, worker));
        contexts.put(id, context);
        published.add(id, context, type -> manager.getExtensions(type, id));
        if (listener != null) {
            events.subscribe(listener);
        }
        List<Object> resources = new ArrayList<>();
        for (ApiContributor c : manager.getExtensions(ApiContributor.class, id)) {
            resources.addAll(c.resources(context));
        }
        api.mount(id, resources);
    }

    /** Runs the plugin's listeners on its own thread; one that takes too long is interrupted and logged. */
    private void deliver(String id, List<DomainEventListener> listeners, DomainEvent event, PluginContext context, ExecutorService worker) {
        for (DomainEventListener l : listeners) {
            Future<?> f;
            try {
                f = worker.submit(() -> {
                    try {
                        l.onEvent(event, context);
                    } catch (RuntimeException | LinkageError e) {
                        log.error("event listener {} of plugin {} failed on {}", l.getClass().getSimpleName(), id,
                                event.getClass().getSimpleName(), e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                return;
            }
            watchdog.schedule(() -> {
                if (!f.isDone()) {
                    log.error("event listener {} of plugin {} took more than {} ms on {}; interrupted", l.getClass().getSimpleName(), id,
                            LISTENER_TIMEOUT_MS, event.getClass().getSimpleName());
                    f.cancel(true);
                }
            }, LISTENER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void unwire(String id) {
        published.remove(id);
        api.unmount(id);
        contexts.remove(id);
        Wiring w = wired.remove(id);
        if (w != null) {
            if (w.listener() != null) {
                events.unsubscribe(w.listener());
            }
            w.worker().shutdownNow();
            camel.removeRoutes(w.routeIds());
        }
    }

    private void fail(PluginWrapper p, String reason, Throwable cause) {
        failures.put(p.getPluginId(), reason);
        p.setPluginState(PluginState.FAILED);
        if (cause != null) {
            log.error("plugin {} failed: {}", p.getPluginId(), reason, cause);
        } else {
            log.error("plugin {} failed: {}", p.getPluginId(), reason);
        }
    }

    /** Stops a plugin: its API, listeners and routes go first, then its main class. */
    public synchronized PluginInfo stopPlugin(String id) {
        PluginWrapper p = wrapper(id);
        unwire(id);
        if (p.getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(id);
        }
        log.info("plugin {} stopped", id);
        return info(id);
    }

    public synchronized PluginInfo enable(String id) {
        wrapper(id);
        manager.enablePlugin(id);
        failures.remove(id);
        return startPlugin(id);
    }

    /** Stops and disables a plugin; it stays disabled across restarts until enabled. */
    public synchronized PluginInfo disable(String id) {
        stopPlugin(id);
        failures.remove(id);
        manager.disablePlugin(id);
        return info(id);
    }

    /**
     * Adds an uploaded plugin (a jar or zip): it is checked by loading it, then started. A file
     * that is not a plugin, or a plugin already there, leaves the folder as it was.
     */
    public synchronized PluginInfo upload(InputStream content, String fileName) throws IOException {
        String name = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        if (!name.matches("[A-Za-z0-9._-]+\\.(jar|zip)")) {
            throw new InvalidInputException("fileName", "must be the name of a .jar or .zip file (letters, digits, '.', '_', '-')");
        }
        Files.createDirectories(pluginsDir);
        Path target = pluginsDir.resolve(name);
        if (Files.exists(target)) {
            throw new ConflictException("A plugin file named " + name + " is already installed; delete that plugin first.", null);
        }
        Path tmp = Files.createTempFile(pluginsDir, ".upload-", ".part");
        try {
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        org.pf4j.PluginDescriptor descriptor;
        try {
            descriptor = manager.descriptorOf(target);
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw new InvalidInputException("file", "is not a plugin: " + reason(e));
        }
        PluginWrapper existing = manager.getPlugin(descriptor.getPluginId());
        if (existing != null) {
            if (existing.getDescriptor().getVersion().equals(descriptor.getVersion())) {
                Files.deleteIfExists(target);
                throw new ConflictException("Plugin " + descriptor.getPluginId() + " " + descriptor.getVersion() + " is already installed.", null);
            }
            // an upgrade (or a downgrade): the installed version goes, the uploaded one takes its place
            log.info("plugin {} {} replaces version {}", descriptor.getPluginId(), descriptor.getVersion(), existing.getDescriptor().getVersion());
            delete(descriptor.getPluginId());
        }
        String id;
        try {
            id = manager.loadPlugin(target);
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw new InvalidInputException("file", "is not a plugin: " + reason(e));
        }
        checkApiVersion(manager.getPlugin(id));
        if (!failures.containsKey(id)) {
            tryStart(id);
        }
        log.info("plugin {} uploaded as {}", id, name);
        return info(id);
    }

    /** Stops, unloads and deletes a plugin (or a broken plugin file). */
    public synchronized void delete(String id) throws IOException {
        if (brokenFiles.remove(id) != null) {
            Files.deleteIfExists(pluginsDir.resolve(id));
            return;
        }
        PluginWrapper p = wrapper(id);
        unwire(id);
        Path file = p.getPluginPath();
        if (!manager.deletePlugin(id)) {
            throw new ConflictException("Plugin " + id + " could not be removed.", null);
        }
        Files.deleteIfExists(file);
        failures.remove(id);
        log.info("plugin {} removed", id);
    }

    /** A loaded plugin's class loader (tests check that it can be collected after removal). */
    synchronized Optional<ClassLoader> classLoader(String id) {
        return Optional.ofNullable(manager.getPlugin(id)).map(PluginWrapper::getPluginClassLoader);
    }

    public synchronized Map<String, Object> settingsOf(String id) {
        PluginWrapper p = wrapper(id);
        return settings(id, specsOf(p)).shown();
    }

    public synchronized List<SettingSpec> specs(String id) {
        return specsOf(wrapper(id));
    }

    /** Changes settings through the API; a started plugin is restarted to take them. */
    public synchronized Map<String, Object> changeSettings(String id, Map<String, String> changes) throws IOException {
        PluginWrapper p = wrapper(id);
        List<FieldError> problems = settings(id, specsOf(p)).override(changes);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (p.getPluginState() == PluginState.STARTED) {
            stopPlugin(id);
            tryStart(id);
        }
        return settingsOf(id);
    }

    private List<SettingSpec> specsOf(PluginWrapper p) {
        try {
            return p.getPlugin() instanceof CrmPlugin crm ? crm.settings() : List.of();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private PluginSettingValues settings(String id, List<SettingSpec> specs) {
        return new PluginSettingValues(specs, configDir.resolve(id + ".properties"), dataDir.resolve("plugins").resolve(id).resolve("settings.properties"));
    }

    private static String describe(List<FieldError> problems) {
        return String.join("; ", problems.stream().map(e -> e.field() + " " + e.message()).toList());
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root instanceof ClassNotFoundException || root instanceof NoClassDefFoundError ? "missing class " + message : message;
    }

    /** Stops every plugin, for the platform's shutdown. */
    public synchronized void stop() {
        for (String id : new ArrayList<>(wired.keySet())) {
            try {
                stopPlugin(id);
            } catch (RuntimeException e) {
                log.warn("plugin {} did not stop cleanly: {}", id, e.getMessage());
            }
        }
        manager.stopPlugins();
        manager.unloadPlugins();
        watchdog.shutdownNow();
    }

    @Override
    public String name() {
        return "plugins";
    }

    /** DEGRADED when a plugin FAILED: reported, never fatal. */
    @Override
    public ComponentHealth check() {
        List<PluginInfo> plugins = list();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loaded", plugins.size());
        details.put("started", plugins.stream().filter(p -> p.state().equals("STARTED")).count());
        List<String> failed = plugins.stream().filter(p -> p.state().equals("FAILED")).map(PluginInfo::id).toList();
        details.put("failed", failed);
        return failed.isEmpty() ? ComponentHealth.up(details) : ComponentHealth.degraded(details);
    }

    /** What one plugin gets from the platform. */
    private final class Context implements PluginContext {
        private final String id;
        private final PluginSettings settings;
        private final Logger logger;

        Context(String id, PluginSettings settings) {
            this.id = id;
            this.settings = settings;
            this.logger = LoggerFactory.getLogger("plugin." + id);
        }

        @Override
        public String pluginId() {
            return id;
        }

        @Override
        public PluginSettings settings() {
            return settings;
        }

        @Override
        public Logger logger() {
            return logger;
        }

        @Override
        public Path dataDirectory() {
            Path dir = dataDir.resolve("plugins").resolve(id);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return dir;
        }

        @Override
        public CamelContext camelContext() {
            return camel.context();
        }

        @Override
        public Companies companies() {
            return companiesFor.apply(id);
        }

        @Override
        public org.ffmas.crm.api.Agreements agreements() {
            return agreements;
        }
    }
}
