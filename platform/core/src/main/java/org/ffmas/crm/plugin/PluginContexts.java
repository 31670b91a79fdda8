package org.ffmas.crm.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.ffmas.crm.api.Agreements;
import org.ffmas.crm.api.Companies;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.PluginSettings;
import org.ffmas.crm.integration.CamelRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the platform gives each plugin: its settings, logger, data folder, Camel, and the services it may call. */
final class PluginContexts {

    private final Path dataDir;
    private final CamelRuntime camel;
    private final Function<String, Companies> companiesFor;
    private final Agreements agreements;

    /**
     * @param dataDir the platform's data folder: plugins get {@code plugins/<id>} in it
     * @param companiesFor the companies service acting as a given plugin
     */
    PluginContexts(Path dataDir, CamelRuntime camel, Function<String, Companies> companiesFor, Agreements agreements) {
        this.dataDir = dataDir;
        this.camel = camel;
        this.companiesFor = companiesFor;
        this.agreements = agreements;
    }

    PluginContext of(String id, PluginSettings settings) {
        return new Context(id, settings);
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
                throw new UncheckedIOException(e);
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
        public Agreements agreements() {
            return agreements;
        }
    }
}
