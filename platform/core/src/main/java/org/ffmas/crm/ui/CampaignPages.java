package org.ffmas.crm.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.campaign.Campaign;
import org.ffmas.crm.campaign.CampaignService;
import org.ffmas.crm.campaign.CampaignStats;
import org.ffmas.crm.campaign.CampaignStatus;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.TooManyRequestsException;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.UiPage;

/** Campaigns: the list, the editor (segment with a live count, template with a preview), sending and the report. */
@Path("/campaigns")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class CampaignPages {

    private final Views views;
    private final CampaignService campaigns;

    public CampaignPages(Views views, CampaignService campaigns) {
        this.views = views;
        this.campaigns = campaigns;
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response list(@Context ContainerRequestContext request) {
        List<Map<String, Object>> rows = campaigns.list(null, 1, 100).items().stream().map(c -> Map.<String, Object>of("campaign", c,
                "stats", campaigns.stats(c.id()), "statusLabel", views.text(request, "campaign_" + c.status()))).toList();
        return views.page(request, 200, "campaigns", views.text(request, "nav_campaigns"), Map.of("campaigns", rows));
    }

    @GET
    @Path("new")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response newCampaign(@Context ContainerRequestContext request) {
        return form(request, 200, Map.of("htmlTemplate", "<p>Bonjour {{contact.firstName}},</p>\n<p></p>\n<p><a href=\"{{unsubscribeUrl}}\">Se désinscrire</a></p>"),
                List.of("PARTNER"), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response create(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            Campaign c = campaigns.create(AccessFilter.actor(request), body(form));
            return Response.seeOther(URI.create("/campaigns/" + c.id())).build();
        } catch (InvalidInputException e) {
            List<String> statuses = form.get("companyStatus") == null ? List.of() : form.get("companyStatus");
            return form(request, 422, Forms.values(form), statuses, errors(request, e, form));
        }
    }

    /** The campaign's fields from the editor; the segment's inputs become the segment object. */
    private static ObjectNode body(MultivaluedMap<String, String> form) {
        ObjectNode body = Forms.json(form, Set.of("version"), Set.of("companyStatus", "tags", "departments", "functions"));
        ObjectNode segment = body.putObject("segment");
        for (String key : List.of("companyStatus", "tags", "departments", "functions")) {
            if (body.has(key)) {
                segment.set(key, body.remove(key));
            }
        }
        return body;
    }

    @GET
    @Path("{id: \\d+}/edit")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response edit(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Campaign c = campaigns.get(id);
        Map<String, String> v = new HashMap<>();
        v.put("name", c.name());
        v.put("subject", c.subject());
        v.put("fromAddress", c.fromAddress());
        v.put("htmlTemplate", c.htmlTemplate());
        v.put("tags", c.segment().tags() == null ? "" : String.join(", ", c.segment().tags()));
        v.put("departments", c.segment().departments() == null ? "" : String.join(", ", c.segment().departments()));
        v.put("version", String.valueOf(c.version()));
        v.put("formAction", "/campaigns/" + id);
        return form(request, 200, v, c.segment().companyStatus() == null ? List.of() : c.segment().companyStatus(), Map.of());
    }

    @POST
    @Path("{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        Map<String, String> values = new HashMap<>(Forms.values(form));
        values.put("formAction", "/campaigns/" + id);
        List<String> statuses = form.get("companyStatus") == null ? List.of() : form.get("companyStatus");
        try {
            campaigns.update(AccessFilter.actor(request), id, body(form));
            return Response.seeOther(URI.create("/campaigns/" + id)).build();
        } catch (InvalidInputException e) {
            return form(request, 422, values, statuses, errors(request, e, form));
        } catch (ConflictException e) {
            return form(request, 409, values, statuses, Map.of("name", e.getMessage()));
        }
    }

    /** The refusal's errors beside their fields; a sender outside the allowed domains said in the page's language, with those domains. */
    private Map<String, String> errors(ContainerRequestContext request, InvalidInputException e, MultivaluedMap<String, String> form) {
        Map<String, String> errors = new HashMap<>(Views.errors(e.errors()));
        String from = form.getFirst("fromAddress");
        if (errors.containsKey("fromAddress") && from != null && from.contains("@") && !campaigns.fromAllowed(from)) {
            errors.put("fromAddress", views.text(request, "campaign_fromDomain") + " " + String.join(", ", campaigns.allowedFromDomains()));
        }
        return errors;
    }

    private Response form(ContainerRequestContext request, int status, Map<String, String> values, List<String> statuses, Map<String, String> errors) {
        Map<String, Object> m = new HashMap<>();
        m.put("formAction", values.getOrDefault("formAction", "/campaigns"));
        m.put("editing", values.containsKey("version"));
        m.put("v", values);
        m.put("errors", errors);
        m.put("hasErrors", !errors.isEmpty());
        m.put("allowedFromDomains", String.join(", ", campaigns.allowedFromDomains()));
        m.put("statuses", Arrays.stream(Status.values()).map(s -> Map.<String, Object>of("value", s.name(),
                "label", views.text(request, "status_" + s.name()), "checked", statuses.contains(s.name()))).toList());
        return views.page(request, status, "campaigns-new", views.text(request, "campaign_new"), m);
    }

    @GET
    @Path("{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response show(@PathParam("id") long id, @QueryParam("contactId") Long contactId, @Context ContainerRequestContext request) {
        return page(request, 200, id, contactId, null, null);
    }

    private Response page(ContainerRequestContext request, int status, long id, Long contactId, String message, String error) {
        Campaign c = campaigns.get(id);
        CampaignStats stats = campaigns.stats(id);
        Map<String, Object> m = new HashMap<>();
        m.put("campaign", c);
        m.put("statusLabel", views.text(request, "campaign_" + c.status()));
        m.put("stats", stats);
        m.put("progress", stats.total() == 0 ? 0 : (stats.total() - stats.queued()) * 100 / stats.total());
        m.put("sending", c.status() == CampaignStatus.SENDING);
        m.put("draft", c.status().editable());
        m.put("paused", c.status() == CampaignStatus.PAUSED);
        m.put("cancellable", c.status().cancellable());
        CampaignService.Preview reach = campaigns.previewSegment(new ObjectMapper().valueToTree(c.segment()));
        m.put("reach", reach.count());
        m.put("sample", reach.sample());
        Long previewed = contactId != null ? contactId : reach.sample().isEmpty() ? null : reach.sample().get(0).contactId();
        if (previewed != null) {
            try {
                m.put("preview", campaigns.preview(id, previewed));
                m.put("previewContactId", previewed);
            } catch (InvalidInputException e) {
                m.put("error", views.text(request, "campaign_noContact"));
            }
        }
        m.put("mergeFields", CampaignService.MERGE_FIELDS);
        m.put("message", message);
        if (error != null) {
            m.put("error", error);
        }
        return views.page(request, status, "campaigns-show", c.name(), m);
    }

    @POST
    @Path("{id: \\d+}/{action: send|pause|resume|cancel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response act(@PathParam("id") long id, @PathParam("action") String action, MultivaluedMap<String, String> form,
                        @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        Actor actor = AccessFilter.actor(request);
        try {
            switch (action) {
                case "send" -> campaigns.send(actor, id);
                case "pause" -> campaigns.pause(actor, id);
                case "resume" -> campaigns.resume(actor, id);
                default -> campaigns.cancel(actor, id);
            }
            return Response.seeOther(URI.create("/campaigns/" + id)).build();
        } catch (ConflictException e) {
            return page(request, 409, id, null, null, e.getMessage());
        }
    }

    /** {@code at} as typed in a datetime-local input: Paris time. */
    @POST
    @Path("{id: \\d+}/schedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response schedule(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        String at = form.getFirst("at");
        String instant = null;
        try {
            instant = at == null || at.isBlank() ? null
                    : LocalDateTime.parse(at).atZone(ZoneId.of("Europe/Paris")).toInstant().toString();
        } catch (DateTimeParseException e) {
            return page(request, 422, id, null, null, views.text(request, "campaign_scheduleAt") + " : " + at);
        }
        try {
            campaigns.schedule(AccessFilter.actor(request), id, instant);
            return Response.seeOther(URI.create("/campaigns/" + id)).build();
        } catch (InvalidInputException e) {
            return page(request, 422, id, null, null, views.text(request, "campaign_scheduleAt") + " " + e.errors().get(0).message());
        } catch (ConflictException e) {
            return page(request, 409, id, null, null, e.getMessage());
        }
    }

    @POST
    @Path("{id: \\d+}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response test(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            campaigns.test(AccessFilter.actor(request), id, form.getFirst("to"), null);
            return page(request, 200, id, null, views.text(request, "campaign_testSent") + " " + form.getFirst("to"), null);
        } catch (InvalidInputException e) {
            return page(request, 422, id, null, null, "to: " + e.errors().get(0).message());
        } catch (TooManyRequestsException e) {
            return page(request, 429, id, null, null, e.getMessage());
        } catch (Exception e) {
            return page(request, 409, id, null, null, e.getMessage());
        }
    }
}
