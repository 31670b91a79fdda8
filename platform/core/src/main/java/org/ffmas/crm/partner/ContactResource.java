package org.ffmas.crm.partner;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.Set;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyEnums.Function;
import org.ffmas.crm.partner.CompanyEnums.Language;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.Paging;
import org.ffmas.crm.web.QueryParams;

/** {@code /api/contacts}: the people at partner companies (created under {@code /api/companies/{id}/contacts}). */
@Path("/api/contacts")
@Produces(MediaType.APPLICATION_JSON)
public final class ContactResource {

    private final ContactService contacts;

    public ContactResource(ContactService contacts) {
        this.contacts = contacts;
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<Contact> search(@QueryParam("q") String q, @QueryParam("companyId") String companyId,
                                @QueryParam("function") List<String> function, @QueryParam("emailStatus") List<String> emailStatus,
                                @QueryParam("language") List<String> language, @QueryParam("includeArchived") String includeArchived,
                                @QueryParam("page") @DefaultValue("1") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        String text = v.optionalText("q", q, 200);
        Long company = QueryParams.id(v, "companyId", companyId);
        List<Function> functions = QueryParams.enums(v, "function", function, Function.class);
        List<EmailStatus> statuses = QueryParams.enums(v, "emailStatus", emailStatus, EmailStatus.class);
        List<Language> languages = QueryParams.enums(v, "language", language, Language.class);
        Boolean archived = QueryParams.bool(v, "includeArchived", includeArchived);
        Paging p = Paging.of(v, page, size);
        v.throwIfAny();
        return contacts.search(new ContactRepository.ContactQuery(text, company, functions, statuses, languages,
                Boolean.TRUE.equals(archived)), p.page(), p.size());
    }

    @GET
    @Path("/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Contact get(@PathParam("id") long id) {
        return contacts.get(id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Contact update(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        return contacts.update(AccessFilter.actor(request), id, ContactChange.from(body));
    }

    /** Moves the contact to another company (the person changed employer): {@code {"companyId", "version"}}. */
    @POST
    @Path("/{id: \\d+}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Contact move(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, Set.of("companyId", "version"), Set.of());
        Long companyId = f.number("companyId");
        Long version = f.number("version");
        if (companyId == null && !v.has("companyId")) {
            v.error("companyId", "is required: the company the person works for now");
        }
        if (version == null && !v.has("version")) {
            v.error("version", "is required: send the version you read");
        }
        v.throwIfAny();
        return contacts.move(AccessFilter.actor(request), id, version, companyId);
    }

    /** Archives the contact; answers the archived contact. */
    @DELETE
    @Path("/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Contact archive(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return contacts.archive(AccessFilter.actor(request), id);
    }
}
