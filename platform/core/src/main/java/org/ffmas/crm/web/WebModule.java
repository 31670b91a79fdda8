package org.ffmas.crm.web;

import java.util.List;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.HttpSettings;

/** The HTTP server: started last, once everything it serves is running; stopped first, so that no request reaches a part already gone. */
public final class WebModule implements Managed {

    private final WebServer server;

    /**
     * @param publicUrl the address staff and recipients use: when it is https, every request counts as https
     * @param components the JAX-RS resources, filters and providers to serve
     */
    public WebModule(HttpSettings settings, String publicUrl, List<Object> components) {
        this.server = new WebServer(settings, publicUrl.startsWith("https:"), components);
    }

    @Override
    public void start() throws Exception {
        server.start();
    }

    @Override
    public void stop() {
        server.stop();
    }

    public int port() {
        return server.port();
    }
}
