package org.ffmas.crm.web;

import java.util.List;
import org.ffmas.crm.common.Managed;

/** The HTTP server: started last, once everything it serves is running; stopped first, so that no request reaches a part already gone. */
public final class WebModule implements Managed {

    private final WebServer server;

    /** @param components the JAX-RS resources, filters and providers to serve */
    public WebModule(String host, int port, List<Object> components) {
        this.server = new WebServer(host, port, components);
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
