package org.ffmas.crm.sync;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.Paging;
import org.ffmas.crm.web.QueryParams;

/** {@code /api/sync}: the connectors, their runs, and the conflicts left for staff. */
@Path("/api/sync")
@Produces(MediaType.APPLICATION_JSON)
public final class SyncResource {

    private static final Set<String> STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED");

    private final SyncService sync;

    public SyncResource(SyncService sync) {
        this.sync = sync;
    }

    @GET
    @Path("connectors")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<SyncService.ConnectorInfo>> connectors() {
        return Map.of("items", sync.connectors());
    }

    /** Starts a run now: 202 with the run, 409 while one is running. */
    @POST
    @Path("{connector}/run")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response run(@PathParam("connector") String connector, @Context UriInfo uri) {
        SyncRun run = sync.start(connector, "REQUEST");
        return Response.accepted(run).location(URI.create("/api/sync/runs/" + run.id())).build();
    }

    @GET
    @Path("runs")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<SyncRun>> runs(@QueryParam("connector") String connector, @QueryParam("status") String status,
                                           @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        if (status != null && !STATUSES.contains(status)) {
            v.error("status", "must be one of RUNNING, SUCCEEDED, FAILED");
        }
        Paging paging = Paging.of(v, "1", size);
        v.throwIfAny();
        return Map.of("items", sync.runs(connector, status, paging.size()));
    }

    @GET
    @Path("runs/{id}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public SyncRun run(@PathParam("id") String id) {
        return sync.run(id(id));
    }

    /** Open conflicts by default; {@code ?open=false} lists resolved ones too. */
    @GET
    @Path("conflicts")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<SyncConflict>> conflicts(@QueryParam("connector") String connector, @QueryParam("open") String open,
                                                     @QueryParam("size") @DefaultValue("100") String size) {
        Validation v = new Validation();
        Boolean openOnly = QueryParams.bool(v, "open", open);
        Paging paging = Paging.of(v, "1", size);
        v.throwIfAny();
        return Map.of("items", sync.conflicts(connector, openOnly == null || openOnly, paging.size()));
    }

    /** {@code {"keep": "local"}} pushes this company's values there; {@code "remote"} takes that system's. */
    @POST
    @Path("conflicts/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public SyncConflict resolve(@PathParam("id") String id, ResolveRequest body, @Context ContainerRequestContext request) {
        if (body == null || body.keep() == null) {
            throw new InvalidInputException("keep", "is required: local or remote");
        }
        return sync.resolve(AccessFilter.actor(request), id(id), body.keep());
    }

    /**
     * The body of a resolution: the side to keep, {@code local} or {@code remote} (the service
     * checks which). Other fields are ignored, and a {@code keep} that is not a text counts as missing.
     */
    public record ResolveRequest(String keep) {

        /** Read from any JSON (not only an object), so that every body without a text {@code keep} is refused alike. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ResolveRequest of(JsonNode body) {
            JsonNode keep = body.get("keep");
            return new ResolveRequest(keep != null && keep.isTextual() ? keep.asText() : null);
        }
    }

    private static long id(String raw) {
        Validation v = new Validation();
        Long id = QueryParams.id(v, "id", raw);
        v.throwIfAny();
        return id;
    }
}
