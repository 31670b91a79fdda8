package org.ffmas.crm.plugin;

import java.io.IOException;
import java.nio.file.Path;
import org.ffmas.crm.testkit.PluginJarBuilder;

/** Plugins built for the host's tests, from sources, as real jars. */
final class TestPlugins {

    private TestPlugins() {}

    /** A well-made plugin: settings, a Camel route, an event listener and an API resource. */
    static PluginJarBuilder greeter(String id, String version) {
        String pkg = "demo." + id.replace("-", "");
        return PluginJarBuilder.plugin(id, version, pkg + ".GreeterPlugin")
                .source(pkg + ".GreeterPlugin", """
                        package %1$s;
                        import java.util.List;
                        import org.ffmas.crm.api.*;
                        public class GreeterPlugin extends CrmPlugin {
                            @Override public List<SettingSpec> settings() {
                                return List.of(SettingSpec.text("greeting", "Bonjour", "what to say"),
                                        SettingSpec.secret("apiKey", "a key of an external service"),
                                        new SettingSpec("repeat", SettingSpec.Type.INTEGER, "1", false, false, "how many times"));
                            }
                        }
                        """.formatted(pkg))
                .source(pkg + ".GreeterRoutes", """
                        package %1$s;
                        import java.util.List;
                        import org.apache.camel.RoutesBuilder;
                        import org.apache.camel.builder.RouteBuilder;
                        import org.ffmas.crm.api.PluginContext;
                        import org.ffmas.crm.api.extension.RouteContributor;
                        @org.pf4j.Extension
                        public class GreeterRoutes implements RouteContributor {
                            public List<RoutesBuilder> routes(PluginContext ctx) {
                                String greeting = ctx.settings().text("greeting").repeat(ctx.settings().integer("repeat"));
                                return List.of(new RouteBuilder() {
                                    public void configure() {
                                        from("direct:%2$s-hello").routeId("%2$s-hello").setBody(constant(greeting));
                                    }
                                });
                            }
                        }
                        """.formatted(pkg, id))
                .source(pkg + ".Greeting", """
                        package %1$s;
                        import java.util.Map;
                        import jakarta.ws.rs.*;
                        import org.apache.camel.ProducerTemplate;
                        import org.ffmas.crm.api.PluginContext;
                        import org.ffmas.crm.api.access.*;
                        @Path("/greeting")
                        public class Greeting {
                            private final PluginContext ctx;
                            public Greeting(PluginContext ctx) { this.ctx = ctx; }
                            @GET @Produces("application/json") @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
                            public Map<String, Object> get() throws Exception {
                                ProducerTemplate t = ctx.camelContext().createProducerTemplate();
                                try {
                                    return Map.of("greeting", t.requestBody("direct:%2$s-hello", "", String.class),
                                            "companies", ctx.companies().search("", 10).size(),
                                            "agreements", ctx.agreements().ofCompany(1).size());
                                } finally {
                                    t.stop();
                                }
                            }
                            @POST @Allowed(Role.ADMIN)
                            public String adminOnly() { return "ok"; }
                        }
                        """.formatted(pkg, id))
                .source(pkg + ".GreeterApi", """
                        package %1$s;
                        import java.util.List;
                        import org.ffmas.crm.api.PluginContext;
                        import org.ffmas.crm.api.extension.ApiContributor;
                        @org.pf4j.Extension
                        public class GreeterApi implements ApiContributor {
                            public List<Object> resources(PluginContext ctx) { return List.of(new Greeting(ctx)); }
                        }
                        """.formatted(pkg))
                .source(pkg + ".GreeterListener", """
                        package %1$s;
                        import java.nio.file.*;
                        import org.ffmas.crm.api.PluginContext;
                        import org.ffmas.crm.api.event.DomainEvent;
                        import org.ffmas.crm.api.extension.DomainEventListener;
                        @org.pf4j.Extension
                        public class GreeterListener implements DomainEventListener {
                            public void onEvent(DomainEvent e, PluginContext ctx) {
                                try {
                                    Files.writeString(ctx.dataDirectory().resolve("events.log"), e.getClass().getSimpleName() + "\\n",
                                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                                } catch (java.io.IOException io) {
                                    throw new java.io.UncheckedIOException(io);
                                }
                            }
                        }
                        """.formatted(pkg));
    }

    /** A plugin whose main class is the simplest possible, with one listener of the given body. */
    static PluginJarBuilder withListener(String id, String listenerBody) {
        String pkg = "demo." + id.replace("-", "");
        return PluginJarBuilder.plugin(id, "1.0.0", pkg + ".Main")
                .source(pkg + ".Main", "package " + pkg + "; public class Main extends org.ffmas.crm.api.CrmPlugin {}")
                .source(pkg + ".Listener", """
                        package %s;
                        import org.ffmas.crm.api.PluginContext;
                        import org.ffmas.crm.api.event.DomainEvent;
                        @org.pf4j.Extension
                        public class Listener implements org.ffmas.crm.api.extension.DomainEventListener {
                            public void onEvent(DomainEvent e, PluginContext ctx) { %s }
                        }
                        """.formatted(pkg, listenerBody));
    }

    static Path settingsFile(Path configDir, String id, String content) throws IOException {
        java.nio.file.Files.createDirectories(configDir);
        return java.nio.file.Files.writeString(configDir.resolve(id + ".properties"), content);
    }
}
