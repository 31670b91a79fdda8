package org.ffmas.crm.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.CrmPlugin;
import org.ffmas.crm.api.SettingSpec;
import org.ffmas.crm.common.InvalidInputException;
import org.pf4j.PluginWrapper;

/**
 * Where each plugin's settings live: values from {@code <config>/<id>.properties}, overridden by
 * those changed through the API and kept in {@code <data>/plugins/<id>/settings.properties}.
 */
final class PluginSettingsStore {

    private final Path configDir;
    private final Path dataDir;

    PluginSettingsStore(Path configDir, Path dataDir) {
        this.configDir = configDir;
        this.dataDir = dataDir;
    }

    /** The settings a plugin declares; none when its main class cannot be made. */
    List<SettingSpec> specsOf(PluginWrapper p) {
        try {
            return p.getPlugin() instanceof CrmPlugin crm ? crm.settings() : List.of();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    PluginSettingValues values(String id, List<SettingSpec> specs) {
        return new PluginSettingValues(specs, configDir.resolve(id + ".properties"), dataDir.resolve("plugins").resolve(id).resolve("settings.properties"));
    }

    /** The effective values, secrets masked. */
    Map<String, Object> shown(PluginWrapper p) {
        return values(p.getPluginId(), specsOf(p)).shown();
    }

    /**
     * Checks and stores changes; a 400 with every problem, and nothing stored, when any is wrong.
     * Returns the secrets cleared because an endpoint changed.
     */
    List<String> change(PluginWrapper p, Map<String, String> changes) throws IOException {
        PluginSettingValues.Outcome outcome = values(p.getPluginId(), specsOf(p)).override(changes);
        if (!outcome.problems().isEmpty()) {
            throw new InvalidInputException(outcome.problems());
        }
        return outcome.clearedSecrets();
    }

    /** Deletes what was set through the API for a plugin being removed (its secrets among them). */
    void forget(String id) throws IOException {
        values(id, List.of()).deleteOverrides();
    }
}
