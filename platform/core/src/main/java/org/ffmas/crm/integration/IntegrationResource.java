package org.ffmas.crm.integration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;

/** {@code GET /api/integration/routes}: every running Camel route, its owner, state and counters, and the route files that failed. */
@Path("/api/integration")
@Produces(MediaType.APPLICATION_JSON)
public final class IntegrationResource {

    private final CamelRuntime camel;

    public IntegrationResource(CamelRuntime camel) {
        this.camel = camel;
    }

    @GET
    @Path("/routes")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Map<String, Object> routes() {
        return Map.of("items", camel.routes(), "failedFiles", camel.failedRouteFiles());
    }
}
