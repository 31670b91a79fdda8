package org.ffmas.crm.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.ffmas.crm.health.ComponentHealth;
import org.ffmas.crm.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's single CamelContext: started after storage, stopped before it, so that no
 * route ever runs without its database.
 */
public final class CamelRuntime implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(CamelRuntime.class);

    /** Seconds in-flight exchanges get to finish when the platform stops. */
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 3;

    private final DefaultCamelContext context;

    public CamelRuntime() {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("crm");
        context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        context.getShutdownStrategy().setLogInflightExchangesOnTimeout(true);
    }

    public CamelContext context() {
        return context;
    }

    public void start() {
        context.start();
        log.info("Camel context '{}' started with {} route(s)", context.getName(), context.getRoutesSize());
    }

    public void stop() {
        if (!context.isStopped()) {
            context.stop();
            log.info("Camel context '{}' stopped", context.getName());
        }
    }

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public ComponentHealth check() {
        ServiceStatus status = context.getStatus();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.name());
        details.put("routes", context.getRoutesSize());
        return status.isStarted() ? ComponentHealth.up(details) : ComponentHealth.down(details);
    }
}
