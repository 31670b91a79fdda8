package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.Paging;
import org.ffmas.crm.web.QueryParams;

/** {@code /api/campaigns} and {@code /api/segments/preview}: writing, previewing, sending and following campaigns. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public final class CampaignResource {

    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @Path("segments/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public CampaignService.Preview previewSegment(JsonNode body) {
        return campaigns.previewSegment(body == null ? null : body.get("segment"));
    }

    @POST
    @Path("campaigns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response create(JsonNode body, @Context ContainerRequestContext request) {
        Campaign c = campaigns.create(AccessFilter.actor(request), NewCampaign.from(body));
        return Response.created(URI.create("/api/campaigns/" + c.id())).entity(c).build();
    }

    @GET
    @Path("campaigns")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<Campaign> list(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") String page,
                               @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        CampaignStatus s = Enums.parse(v, "status", status, CampaignStatus.class);
        Paging p = Paging.of(v, page, size);
        v.throwIfAny();
        return campaigns.list(s, p.page(), p.size());
    }

    /** Bounce reports that named a delivery without its bounce tag: they suppressed no one (forged, or about mail sent before tags). */
    @GET
    @Path("campaigns/bounces/unverified")
    @Allowed({Role.ADMIN})
    public Page<UnverifiedBounce> unverifiedBounces(@QueryParam("page") @DefaultValue("1") String page,
                                                    @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        Paging p = Paging.of(v, page, size);
        v.throwIfAny();
        return campaigns.unverifiedBounces(p.page(), p.size());
    }

    @GET
    @Path("campaigns/{id}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Campaign get(@PathParam("id") String id) {
        return campaigns.get(id(id));
    }

    @PATCH
    @Path("campaigns/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Campaign update(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        return campaigns.update(AccessFilter.actor(request), id(id), CampaignChange.from(body));
    }

    /** {@code {"contactId"}}: the rendered subject, HTML and text for that contact. */
    @POST
    @Path("campaigns/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public CampaignService.Rendered preview(@PathParam("id") String id, JsonNode body) {
        return campaigns.preview(id(id), requiredId(body, "contactId"));
    }

    /** {@code {"to", "contactId"?}}: sends the message now to one address. */
    @POST
    @Path("campaigns/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Map<String, Object> test(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        String to = body == null || !body.path("to").isTextual() ? null : body.get("to").asText();
        Long contactId = body != null && body.has("contactId") ? requiredId(body, "contactId") : null;
        try {
            return Map.of("sent", true, "to", to, "reply", campaigns.test(AccessFilter.actor(request), id(id), to, contactId));
        } catch (MailFailure f) {
            throw new ConflictException("The test message could not be sent: " + f.getMessage(), null);
        }
    }

    @POST
    @Path("campaigns/{id}/send")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Campaign send(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return campaigns.send(AccessFilter.actor(request), id(id));
    }

    /** {@code {"at": "2026-12-01T08:00:00Z"}}. */
    @POST
    @Path("campaigns/{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Campaign schedule(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        String at = body == null || !body.path("at").isTextual() ? null : body.get("at").asText();
        return campaigns.schedule(AccessFilter.actor(request), id(id), at);
    }

    @POST
    @Path("campaigns/{id}/pause")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Campaign pause(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return campaigns.pause(AccessFilter.actor(request), id(id));
    }

    @POST
    @Path("campaigns/{id}/resume")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Campaign resume(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return campaigns.resume(AccessFilter.actor(request), id(id));
    }

    @POST
    @Path("campaigns/{id}/cancel")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Campaign cancel(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return campaigns.cancel(AccessFilter.actor(request), id(id));
    }

    @GET
    @Path("campaigns/{id}/stats")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public CampaignStats stats(@PathParam("id") String id) {
        return campaigns.stats(id(id));
    }

    @GET
    @Path("campaigns/{id}/deliveries")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<Delivery> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
                                     @QueryParam("page") @DefaultValue("1") String page, @QueryParam("size") @DefaultValue("100") String size) {
        Validation v = new Validation();
        Delivery.Status s = Enums.parse(v, "status", status, Delivery.Status.class);
        Paging p = Paging.of(v, page, size);
        v.throwIfAny();
        return campaigns.deliveries(id(id), s == null ? null : s.name(), p.page(), p.size());
    }

    private static long requiredId(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new InvalidInputException(field, "is required: an id");
        }
        return n.longValue();
    }

    private static long id(String raw) {
        Validation v = new Validation();
        Long id = QueryParams.id(v, "id", raw);
        v.throwIfAny();
        return id;
    }
}
