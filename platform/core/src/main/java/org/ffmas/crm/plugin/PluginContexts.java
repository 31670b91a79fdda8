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
import org.ffmas.crm.api.http.OutboundHttp;
import org.ffmas.crm.integration.CamelRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the platform gives each plugin: its settings, logger, data folder, Camel, and the services it may call. */
public final class PluginContexts {

    /**
     * The platform's services as plugins see them.
     *
     * @param companiesFor the companies service acting as a given plugin
     * @param httpFor the outbound HTTP client as a given plugin uses it
     */
    public record Services(Function<String, Companies> companiesFor, Agreements agreements, Function<String, OutboundHttp> httpFor) {}

    private final Path dataDir;
    private final CamelRuntime camel;
    private final Services services;

    /** @param dataDir the platform's data folder: plugins get {@code plugins/<id>} in it */
    PluginContexts(Path dataDir, CamelRuntime camel, Services services) {
        this.dataDir = dataDir;
        this.camel = camel;
        this.services = services;
    }

    PluginContext of(String id, PluginSettings settings) {
        return new Context(id, settings);
    }

    /** What one plugin gets from the platform. */
    private final class Context implements PluginContext {
        private final String id;
        private final PluginSettings settings;
        private final Logger logger;
        private final OutboundHttp http;

        Context(String id, PluginSettings settings) {
            this.id = id;
            this.settings = settings;
            this.logger = LoggerFactory.getLogger("plugin." + id);
            this.http = services.httpFor().apply(id);
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
            return services.companiesFor().apply(id);
        }

        @Override
        public Agreements agreements() {
            return services.agreements();
        }

        @Override
        public OutboundHttp http() {
            return http;
        }
    }
}
