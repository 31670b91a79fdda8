package org.ffmas.crm.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The typed, validated settings the platform starts with.
 *
 * @param externalDatabase the MariaDB server to use; empty means the embedded database
 * @param adminPassword password of the first {@code admin} account; empty means generate one
 * @param pluginsDir folder plugins are loaded from
 */
public record PlatformSettings(
        String httpHost,
        int httpPort,
        Path dataDir,
        Optional<ExternalDatabase> externalDatabase,
        int dbPoolSize,
        Optional<String> adminPassword,
        Path pluginsDir) {

    /** A running MariaDB server named by {@code CRM_DB_URL}. */
    public record ExternalDatabase(String url, String user, String password) {
        @Override
        public String toString() {
            return "ExternalDatabase[url=" + url + ", user=" + user + ", password=***]";
        }
    }

    @Override
    public String toString() {
        return "httpHost=" + httpHost + ", httpPort=" + httpPort + ", dataDir=" + dataDir
                + ", database=" + externalDatabase.map(ExternalDatabase::url).orElse("embedded")
                + ", dbPoolSize=" + dbPoolSize + ", pluginsDir=" + pluginsDir;
    }
}
