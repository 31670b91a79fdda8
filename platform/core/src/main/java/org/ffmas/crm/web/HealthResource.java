package org.ffmas.crm.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.ffmas.crm.api.access.PublicRoute;
import org.ffmas.crm.health.HealthReport;
import org.ffmas.crm.health.HealthService;
import org.ffmas.crm.health.HealthStatus;

/**
 * {@code GET /health} and {@code GET /health/ready}: 200 when UP (or DEGRADED: serving, with a
 * plugin in trouble), 503 naming the component that is DOWN, e.g. a database that does not
 * answer. {@code GET /health/live}: 200 as long as the process serves HTTP, whatever the rest.
 */
@Path("/health")
@PublicRoute
public final class HealthResource {

    private final HealthService health;

    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Path("live")
    @Produces(MediaType.APPLICATION_JSON)
    public Response live() {
        return Response.ok(Map.of("status", "UP")).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        return get();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        HealthReport report = health.check();
        int status = report.status() == HealthStatus.DOWN ? 503 : 200;
        return Response.status(status).entity(report).header("Cache-Control", "no-store").build();
    }
}
