package org.ffmas.crm.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.ApiVersion;
import org.ffmas.crm.health.ComponentHealth;
import org.ffmas.crm.health.HealthCheck;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J plugin manager owned by the platform: loads the plugins found in the plugins
 * folder, starts them, stops them before Camel and storage go away. A plugin that fails is
 * reported, never fatal.
 */
public final class PluginHost implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final Path pluginsDir;
    private final PluginManager manager;

    public PluginHost(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
        this.manager = new DefaultPluginManager(pluginsDir);
        manager.setSystemVersion(ApiVersion.CURRENT);
    }

    public void start() {
        if (!Files.isDirectory(pluginsDir)) {
            log.info("no plugins folder at {}; running without plugins", pluginsDir);
            return;
        }
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper p : manager.getPlugins()) {
            log.info("plugin {} {} is {}", p.getPluginId(), p.getDescriptor().getVersion(), p.getPluginState());
        }
    }

    public void stop() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    @Override
    public String name() {
        return "plugins";
    }

    /** UP even when a plugin failed: a broken plugin is reported, it does not take the platform down. */
    @Override
    public ComponentHealth check() {
        List<PluginWrapper> plugins = manager.getPlugins();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loaded", plugins.size());
        details.put("started", plugins.stream().filter(p -> p.getPluginState() == PluginState.STARTED).count());
        details.put("failed", plugins.stream().filter(p -> p.getPluginState() == PluginState.FAILED).map(PluginWrapper::getPluginId).toList());
        return ComponentHealth.up(details);
    }
}
