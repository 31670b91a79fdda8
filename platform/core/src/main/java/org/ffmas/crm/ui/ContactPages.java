package org.ffmas.crm.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.UiPage;

/** A company's contacts: the form to add one, and to edit one. */
@Path("/")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class ContactPages {

    private final Views views;
    private final CompanyService companies;
    private final ContactService contacts;

    public ContactPages(Views views, CompanyService companies, ContactService contacts) {
        this.views = views;
        this.companies = companies;
        this.contacts = contacts;
    }

    @GET
    @Path("companies/{id: \\d+}/contacts/new")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response newContact(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return contactForm(request, 200, companies.get(id), Map.of("emailStatus", "NOT_ASKED", "language", "fr"), Map.of(), null);
    }

    @POST
    @Path("companies/{id: \\d+}/contacts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response createContact(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            contacts.create(AccessFilter.actor(request), id, Forms.json(form, Set.of(), Set.of()));
            return Response.seeOther(URI.create("/companies/" + id + "#contacts")).build();
        } catch (InvalidInputException e) {
            return contactForm(request, 422, companies.get(id), Forms.values(form), Views.errors(e.errors()), null);
        }
    }

    @GET
    @Path("contacts/{id: \\d+}/edit")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response editContact(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Contact c = contacts.get(id);
        Map<String, String> v = new HashMap<>();
        v.put("firstName", Forms.orBlank(c.firstName()));
        v.put("lastName", Forms.orBlank(c.lastName()));
        v.put("email", Forms.orBlank(c.email()));
        v.put("phone", Forms.orBlank(c.phone()));
        v.put("jobTitle", Forms.orBlank(c.jobTitle()));
        v.put("function", c.function() == null ? "" : c.function().name());
        v.put("emailStatus", c.emailStatus().name());
        v.put("consentSource", Forms.orBlank(c.consentSource()));
        v.put("version", String.valueOf(c.version()));
        return contactForm(request, 200, companies.get(c.companyId()), v, Map.of(), id);
    }

    @POST
    @Path("contacts/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response updateContact(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        long companyId = contacts.get(id).companyId();
        try {
            contacts.update(AccessFilter.actor(request), id, Forms.json(form, Set.of("version"), Set.of(), true));
            return Response.seeOther(URI.create("/companies/" + companyId + "#contacts")).build();
        } catch (InvalidInputException e) {
            return contactForm(request, 422, companies.get(companyId), Forms.values(form), Views.errors(e.errors()), id);
        } catch (ConflictException e) {
            // changed by someone else meanwhile: keep what was typed, say so
            return contactForm(request, 409, companies.get(companyId), Forms.values(form), Map.of("lastName", e.getMessage()), id);
        }
    }

    /** The contact form, new ({@code contactId} null) or editing that contact. */
    private Response contactForm(ContainerRequestContext request, int status, Company c, Map<String, String> values, Map<String, String> errors,
                                 Long contactId) {
        Map<String, Object> m = new HashMap<>();
        m.put("company", c);
        m.put("editing", contactId != null);
        m.put("formAction", contactId == null ? "/companies/" + c.id() + "/contacts" : "/contacts/" + contactId);
        m.put("v", values);
        m.put("errors", errors);
        m.put("hasErrors", !errors.isEmpty());
        m.put("functions", views.options(request, "function", List.of("DIRECTION", "HR", "ASSISTANT", "OFFICE_MANAGER", "COMMUNICATION", "OTHER"),
                values.get("function")));
        // a bounced address is set by the mailbox, not by staff: shown, not offered
        boolean bounced = "BOUNCED".equals(values.get("emailStatus"));
        m.put("bounced", bounced);
        m.put("emailStatuses", views.options(request, "emailStatus", bounced ? List.of("BOUNCED") : List.of("NOT_ASKED", "SUBSCRIBED", "UNSUBSCRIBED"),
                values.get("emailStatus")));
        return views.page(request, status, "contacts-new", views.text(request, contactId == null ? "contact_new" : "contact_edit"), m);
    }
}
