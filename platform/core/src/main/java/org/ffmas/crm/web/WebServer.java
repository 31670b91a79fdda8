package org.ffmas.crm.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import java.io.IOException;
import java.net.BindException;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ffmas.crm.common.Json;
import org.ffmas.crm.config.PlatformSettings.HttpSettings;
import org.ffmas.crm.config.Setting;
import org.ffmas.crm.config.SettingException;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty serving the REST API through Jersey. Stopping is graceful: new connections are
 * refused at once, requests in flight get {@link #STOP_TIMEOUT_MS} to finish.
 */
public final class WebServer {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    static final long STOP_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private final HttpSettings settings;
    private final boolean publicHttps;
    private final List<Object> components;
    private Server server;
    private ServerConnector connector;

    /**
     * @param settings where to listen, the bounds on bodies, the proxies to believe
     * @param publicHttps whether the public address is https (then every request counts as https)
     * @param components JAX-RS resources and filters (instances) to serve
     */
    public WebServer(HttpSettings settings, boolean publicHttps, List<Object> components) {
        this.host = settings.host();
        this.port = settings.port();
        this.settings = settings;
        this.publicHttps = publicHttps;
        this.components = List.copyOf(components);
    }

    public void start() throws Exception {
        ObjectMapper json = Json.newMapper();
        ResourceConfig app = new ResourceConfig();
        app.registerInstances(components.toArray());
        app.register(JacksonFeature.withoutExceptionMappers());
        app.register(MultiPartFeature.class);
        app.register(new JsonResolver(json));
        app.register(ProblemMappers.WebApplication.class);
        app.register(ProblemMappers.JsonInput.class);
        app.register(ProblemMappers.Refusals.class);
        app.register(ProblemMappers.Unexpected.class);
        // without this Jersey answers errors through sendError, i.e. with the container's page
        app.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // a Location stays as written (/companies/12): made absolute, it would echo the request's Host header
        app.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // no "Server: Jetty(12...)" nor X-Powered-By: a version tells an attacker which flaws to try
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(new TrustedProxies(settings.trustedProxies(), publicHttps));
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("api", new ServletContainer(app)), "/*");

        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new BodyLimits(context, json, settings.maxJsonBytes(), settings.maxUploadBytes()));
        server.setHandler(new SecurityHeaders(graceful));
        server.setErrorHandler(new ProblemErrorHandler(json));
        server.setRequestLog(new CustomRequestLog(new Slf4jRequestLogWriter(), "%{client}a \"%r\" %s %O bytes %{ms}T ms"));
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (IOException e) {
            stop();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new SettingException(Setting.HTTP_PORT, "cannot listen on " + host + ":" + port + ": the port is already in use or not allowed", e);
            }
            throw e;
        }
        log.info("HTTP server listening on {}:{}", host, port());
    }

    /** The port actually listened on (useful when 0 asked for a free one). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Refuses new requests, lets those in flight finish, then closes. */
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            log.info("HTTP server stopped");
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Hands Jersey our ObjectMapper (a named class: Jersey reads the generic type). */
    private static final class JsonResolver implements ContextResolver<ObjectMapper> {
        private final ObjectMapper json;

        JsonResolver(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return json;
        }
    }
}
