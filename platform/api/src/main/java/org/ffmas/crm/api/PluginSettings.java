package org.ffmas.crm.api;

import java.util.Optional;

/**
 * A plugin's setting values: from {@code config/plugins/<id>.properties}, overridden through
 * the admin API, checked against the plugin's {@link SettingSpec}s before it starts.
 */
public interface PluginSettings {

    /** The value, or the declared default, or empty. */
    Optional<String> get(String key);

    /** The value as a text; the setting must have a value or a default. */
    String text(String key);

    /** The value of an INTEGER setting. */
    int integer(String key);

    /** The value of a BOOLEAN setting. */
    boolean bool(String key);
}
