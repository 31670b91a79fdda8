package org.ffmas.crm.api;

/**
 * One setting a plugin declares: the platform validates values against it, shows it in the
 * admin UI, and never returns a secret's value in clear.
 *
 * @param key e.g. {@code urls}
 * @param defaultValue used when no value is set; null for none
 * @param required whether the plugin cannot start without a value
 * @param secret a password or key: stored, used, never shown
 * @param description one line shown beside the field
 */
public record SettingSpec(String key, Type type, String defaultValue, boolean required, boolean secret, String description) {

    /** What a value must look like. */
    public enum Type {
        /** Any text. */
        TEXT,
        /** A whole number. */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One http(s) URL, or several separated by commas. */
        URLS,
        /**
         * The one http(s) URL of the service the plugin sends its secret settings to (an API's base
         * URL). Changing it through the admin API or UI clears the plugin's secret settings, unless
         * new values are given in the same change: a key entered for one server is never sent to
         * another one that somebody typed in later.
         *
         * @since 1.1.0
         */
        ENDPOINT
    }

    /** An optional text setting. */
    public static SettingSpec text(String key, String defaultValue, String description) {
        return new SettingSpec(key, Type.TEXT, defaultValue, false, false, description);
    }

    /** A required secret. */
    public static SettingSpec secret(String key, String description) {
        return new SettingSpec(key, Type.TEXT, null, true, true, description);
    }
}
