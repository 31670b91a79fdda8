package org.ffmas.crm.plugin;

import java.util.List;
import org.ffmas.crm.api.CrmPlugin;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.SettingSpec;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.FieldError;
import org.pf4j.Plugin;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops, enables and disables loaded plugins. A plugin that fails to start is left
 * FAILED with the reason, and nothing of it running. Called under {@link PluginHost}'s lock.
 */
final class PluginLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PluginLifecycle.class);

    private final CrmPluginManager manager;
    private final PluginFolder folder;
    private final PluginFailures failures;
    private final PluginSettingsStore settings;
    private final PluginContexts contexts;
    private final PluginWiring wiring;

    PluginLifecycle(CrmPluginManager manager, PluginFolder folder, PluginFailures failures, PluginSettingsStore settings,
                    PluginContexts contexts, PluginWiring wiring) {
        this.manager = manager;
        this.folder = folder;
        this.failures = failures;
        this.settings = settings;
        this.contexts = contexts;
        this.wiring = wiring;
    }

    /** Starts every loaded plugin neither disabled nor failed. */
    void startAll() {
        for (PluginWrapper p : manager.getPlugins()) {
            if (p.getPluginState() != PluginState.DISABLED && !failures.failed(p.getPluginId())) {
                tryStart(p.getPluginId());
            }
        }
    }

    /** Starts a plugin; one that does not start is logged (and FAILED), not thrown. */
    void tryStart(String id) {
        try {
            start(id);
        } catch (RuntimeException e) {
            log.error("plugin {} did not start: {}", id, e.getMessage());
        }
    }

    /**
     * Starts a plugin: its settings are checked, its main class started, then its routes,
     * listeners and API added. Any failure leaves it FAILED with the reason, and nothing of it running.
     */
    void start(String id) {
        PluginWrapper p = folder.wrapper(id);
        if (p.getPluginState() == PluginState.DISABLED) {
            throw new ConflictException("Plugin " + id + " is disabled; enable it first.", null);
        }
        if (p.getPluginState() == PluginState.STARTED && wiring.isWired(id)) {
            return;
        }
        if (!folder.apiVersionFits(p)) {
            throw new ConflictException("Plugin " + id + " cannot start: " + failures.reason(id), null);
        }
        failures.clear(id);
        PluginContext context = attach(p);
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            String reason = p.getFailedException() != null ? PluginFailures.reason(p.getFailedException()) : "it did not start (" + state + ")";
            throw failed(p, reason, null);
        }
        try {
            wiring.wire(p, context);
        } catch (Exception | LinkageError e) {
            wiring.unwire(id);
            manager.stopPlugin(id);
            throw failed(p, PluginFailures.reason(e), e);
        }
        log.info("plugin {} {} started", id, p.getDescriptor().getVersion());
    }

    /** Makes the plugin's main class, checks its settings and gives it its context. */
    private PluginContext attach(PluginWrapper p) {
        String id = p.getPluginId();
        try {
            Plugin main = p.getPlugin();
            if (main == null) {
                // PF4J logs the cause and gives null: the class is missing or cannot be made
                throw failed(p, "missing class " + p.getDescriptor().getPluginClass()
                        + " (or it has no public constructor without arguments)", null);
            }
            List<SettingSpec> specs = main instanceof CrmPlugin crm ? crm.settings() : List.of();
            PluginSettingValues values = settings.values(id, specs);
            List<FieldError> problems = values.problems();
            if (!problems.isEmpty()) {
                throw failed(p, "invalid settings: " + describe(problems), null);
            }
            PluginContext context = contexts.of(id, values);
            if (main instanceof CrmPlugin crm) {
                crm.attach(context);
            }
            return context;
        } catch (ConflictException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw failed(p, PluginFailures.reason(e), e);
        }
    }

    /** Marks the plugin FAILED; the 409 to throw says why it cannot start. */
    private ConflictException failed(PluginWrapper p, String reason, Throwable cause) {
        failures.fail(p, reason, cause);
        return new ConflictException("Plugin " + p.getPluginId() + " cannot start: " + reason, null);
    }

    private static String describe(List<FieldError> problems) {
        return String.join("; ", problems.stream().map(e -> e.field() + " " + e.message()).toList());
    }

    /** Stops a plugin: its API, listeners and routes go first, then its main class. */
    void stop(String id) {
        PluginWrapper p = folder.wrapper(id);
        wiring.unwire(id);
        if (p.getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(id);
        }
        log.info("plugin {} stopped", id);
    }

    void enable(String id) {
        folder.wrapper(id);
        manager.enablePlugin(id);
        failures.clear(id);
        start(id);
    }

    /** Stops and disables a plugin; it stays disabled across restarts until enabled. */
    void disable(String id) {
        stop(id);
        failures.clear(id);
        manager.disablePlugin(id);
    }

    /** Stops every plugin, then unloads them all, for the platform's shutdown. */
    void stopAll() {
        for (String id : wiring.wiredIds()) {
            try {
                stop(id);
            } catch (RuntimeException e) {
                log.warn("plugin {} did not stop cleanly: {}", id, e.getMessage());
            }
        }
        manager.stopPlugins();
        manager.unloadPlugins();
        wiring.close();
    }
}
