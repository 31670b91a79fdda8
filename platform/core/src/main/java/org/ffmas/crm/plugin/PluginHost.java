package org.ffmas.crm.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.api.ApiVersion;
import org.ffmas.crm.api.SettingSpec;
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
 *
 * <p>One lock, this host's, orders every change: the folder ({@link PluginFolder}), the life
 * cycle ({@link PluginLifecycle}, {@link PluginWiring}) and the settings ({@link PluginSettingsStore})
 * are only called through it.
 */
public final class PluginHost implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PluginFolder folder;
    private final PluginWiring wiring;
    private final PluginLifecycle lifecycle;
    private final PluginSettingsStore settings;
    private final PluginFailures failures = new PluginFailures();

    /**
     * @param configDir where {@code <id>.properties} files hold plugin settings
     * @param dataDir the platform's data folder: plugins get {@code plugins/<id>} in it
     * @param services what the platform's services are to each plugin
     */
    public PluginHost(Path pluginsDir, Path configDir, Path dataDir, CamelRuntime camel, EventBus events,
                      PluginContexts.Services services, PluginApi api, ContributedExtensions published) {
        CrmPluginManager manager = new CrmPluginManager(pluginsDir);
        manager.setSystemVersion(ApiVersion.CURRENT);
        this.folder = new PluginFolder(pluginsDir, manager, failures);
        this.wiring = new PluginWiring(manager, camel, events, api, published);
        this.settings = new PluginSettingsStore(configDir, dataDir);
        this.lifecycle = new PluginLifecycle(manager, folder, failures, settings, new PluginContexts(dataDir, camel, services),
                wiring);
    }

    /** Loads every plugin of the folder and starts those not disabled. */
    public synchronized void start() {
        folder.loadAll();
        lifecycle.startAll();
    }

    public synchronized List<PluginInfo> list() {
        return folder.list();
    }

    public synchronized PluginInfo info(String id) {
        return list().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("No plugin with id " + id + "."));
    }

    /**
     * Starts a plugin: its settings are checked, its main class started, then its routes,
     * listeners and API added. Any failure leaves it FAILED with the reason, and nothing of it running.
     */
    public synchronized PluginInfo startPlugin(String id) {
        lifecycle.start(id);
        return info(id);
    }

    /** Stops a plugin: its API, listeners and routes go first, then its main class. */
    public synchronized PluginInfo stopPlugin(String id) {
        lifecycle.stop(id);
        return info(id);
    }

    public synchronized PluginInfo enable(String id) {
        lifecycle.enable(id);
        return info(id);
    }

    /** Stops and disables a plugin; it stays disabled across restarts until enabled. */
    public synchronized PluginInfo disable(String id) {
        lifecycle.disable(id);
        return info(id);
    }

    /**
     * Adds an uploaded plugin (a jar or zip): it is checked by loading it, then started. A file
     * that is not a plugin, or a plugin already there, leaves the folder as it was.
     */
    public synchronized PluginInfo upload(InputStream content, String fileName) throws IOException {
        PluginFolder.Upload upload = folder.receive(content, fileName);
        if (upload.replaces().isPresent()) {
            // an upgrade keeps the settings set through the API
            remove(upload.replaces().get());
        }
        String id = folder.load(upload);
        if (!failures.failed(id)) {
            lifecycle.tryStart(id);
        }
        log.info("plugin {} uploaded as {}", id, upload.fileName());
        return info(id);
    }

    /** Stops, unloads and deletes a plugin (or a broken plugin file), and the settings set for it through the API. */
    public synchronized void delete(String id) throws IOException {
        if (folder.deleteBroken(id)) {
            return;
        }
        remove(id);
        settings.forget(id);
    }

    private void remove(String id) throws IOException {
        folder.wrapper(id);
        wiring.unwire(id);
        folder.delete(id);
    }

    /** A loaded plugin's class loader (tests check that it can be collected after removal). */
    synchronized Optional<ClassLoader> classLoader(String id) {
        return folder.classLoader(id);
    }

    public synchronized Map<String, Object> settingsOf(String id) {
        return settings.shown(folder.wrapper(id));
    }

    public synchronized List<SettingSpec> specs(String id) {
        return settings.specsOf(folder.wrapper(id));
    }

    /**
     * Changes settings through the API; a started plugin is restarted to take them. Returns the
     * secrets cleared because an endpoint changed (see {@link SettingSpec.Type#ENDPOINT}).
     */
    public synchronized List<String> changeSettings(String id, Map<String, String> changes) throws IOException {
        PluginWrapper p = folder.wrapper(id);
        List<String> cleared = settings.change(p, changes);
        if (!cleared.isEmpty()) {
            log.info("plugin {}: its address changed, secret settings {} cleared", id, cleared);
        }
        if (p.getPluginState() == PluginState.STARTED) {
            lifecycle.stop(id);
            lifecycle.tryStart(id);
        }
        return cleared;
    }

    /** Stops every plugin, for the platform's shutdown. */
    public synchronized void stop() {
        lifecycle.stopAll();
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
}
