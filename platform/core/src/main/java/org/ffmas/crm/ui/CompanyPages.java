package org.ffmas.crm.ui;

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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.agreement.AgreementQuery;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.audit.AuditQuery;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.partner.CompanyQuery;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.UiPage;

/** Companies: the list with search, a company's page (timeline, duplicates), its form, notes and merging a duplicate. */
@Path("/")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class CompanyPages {

    private static final int PAGE_SIZE = 25;
    private static final Set<String> LISTS = Set.of("tags");

    private final Views views;
    private final CompanyService companies;
    private final ContactService contacts;
    private final AgreementService agreements;
    private final AuditService audit;

    public CompanyPages(Views views, CompanyService companies, ContactService contacts, AgreementService agreements, AuditService audit) {
        this.views = views;
        this.companies = companies;
        this.contacts = contacts;
        this.agreements = agreements;
        this.audit = audit;
    }

    @GET
    @Path("companies")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response list(@QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("tag") String tag,
                         @QueryParam("department") String department, @QueryParam("agreement") String agreement,
                         @QueryParam("sort") @DefaultValue("name") String sort,
                         @QueryParam("page") @DefaultValue("1") int page, @Context ContainerRequestContext request) {
        CompanyQuery all = CompanyQuery.all();
        Status s = status == null || status.isBlank() ? null : Enums.parse(new Validation(), "status", status, Status.class);
        String order = CompanyQuery.SORTS.contains(sort) ? sort : "name";
        String t = tag == null || tag.isBlank() ? null : tag.strip();
        // a department is two characters (75, 2A) or three overseas (974); anything else filters nothing
        String typed = department == null ? "" : department.strip().toUpperCase(Locale.ROOT);
        String d = typed.matches("\\d{2}|2[AB]|97\\d") ? typed : null;
        boolean withAgreement = "1".equals(agreement);
        Page<Company> found = companies.list(new CompanyQuery(q == null || q.isBlank() ? null : q, s == null ? List.of() : List.of(s),
                t == null ? all.tags() : List.of(t), all.sectors(), all.sizeBrackets(), d == null ? all.departments() : List.of(d), all.regions(),
                null, withAgreement ? Boolean.TRUE : null, order), Math.max(1, page), PAGE_SIZE);
        Map<String, Object> m = new HashMap<>();
        m.put("q", q == null ? "" : q);
        m.put("tag", t == null ? "" : t);
        m.put("department", d == null ? "" : d);
        m.put("withAgreement", withAgreement);
        m.put("companies", found.items().stream().map(c -> Map.of("company", c, "statusLabel", views.text(request, "status_" + c.status().name())))
                .toList());
        m.put("total", found.total());
        m.put("statuses", statusOptions(request, s == null ? null : s.name()));
        m.put("sorts", CompanyQuery.SORTS.stream().limit(4).map(x -> Map.of("value", x, "label", views.text(request, "sort_" + x),
                "selected", x.equals(order))).toList());
        long pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String filters = "q=" + enc(q) + "&status=" + enc(status) + "&tag=" + enc(t) + "&department=" + enc(d) + (withAgreement ? "&agreement=1" : "");
        String base = "/companies?" + filters + "&sort=" + order + "&page=";
        m.put("page", page);
        m.put("pages", pages);
        m.put("previous", page > 1 ? base + (page - 1) : null);
        m.put("next", page < pages ? base + (page + 1) : null);
        m.put("exportUrl", "/api/companies/export.csv?" + (q == null ? "" : "q=" + enc(q)) + (s == null ? "" : "&status=" + s.name())
                + (t == null ? "" : "&tag=" + enc(t)) + (d == null ? "" : "&department=" + d) + (withAgreement ? "&hasActiveAgreement=true" : ""));
        return views.page(request, 200, "companies", views.text(request, "nav_companies"), m);
    }

    @GET
    @Path("companies/new")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response newCompany(@Context ContainerRequestContext request) {
        return companyForm(request, 200, Map.of("status", "PROSPECT", "address_country", "FR"), Map.of());
    }

    @POST
    @Path("companies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response create(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            Company c = companies.create(AccessFilter.actor(request), Forms.json(form, Set.of(), LISTS));
            return Response.seeOther(URI.create("/companies/" + c.id())).build();
        } catch (InvalidInputException e) {
            return companyForm(request, 422, Forms.values(form), Views.errors(e.errors()));
        }
    }

    @GET
    @Path("companies/{id: \\d+}/edit")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response edit(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Company c = companies.get(id);
        Map<String, String> v = new HashMap<>();
        v.put("legalName", c.legalName());
        v.put("siren", Forms.orBlank(c.siren()));
        v.put("siret", Forms.orBlank(c.siret()));
        v.put("address_line1", Forms.orBlank(c.address().line1()));
        v.put("address_postalCode", Forms.orBlank(c.address().postalCode()));
        v.put("address_city", Forms.orBlank(c.address().city()));
        v.put("address_country", Forms.orBlank(c.address().country()));
        v.put("phone", Forms.orBlank(c.phone()));
        v.put("website", Forms.orBlank(c.website()));
        v.put("status", c.status().name());
        v.put("tags", String.join(", ", c.tags()));
        v.put("version", String.valueOf(c.version()));
        return editForm(request, 200, id, v, Map.of());
    }

    @POST
    @Path("companies/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            companies.update(AccessFilter.actor(request), id, Forms.json(form, Set.of("version"), LISTS, true));
            return Response.seeOther(URI.create("/companies/" + id)).build();
        } catch (InvalidInputException e) {
            return editForm(request, 422, id, Forms.values(form), Views.errors(e.errors()));
        } catch (ConflictException e) {
            // changed by someone else meanwhile: keep what was typed, say so
            return editForm(request, 409, id, Forms.values(form), Map.of("legalName", e.getMessage()));
        }
    }

    private Response editForm(ContainerRequestContext request, int status, long id, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> m = new HashMap<>();
        m.put("v", values);
        m.put("errors", errors);
        m.put("hasErrors", !errors.isEmpty());
        m.put("statuses", statusOptions(request, values.getOrDefault("status", "PROSPECT")));
        m.put("formAction", "/companies/" + id);
        m.put("editing", true);
        return views.page(request, status, "companies-new", views.text(request, "company_edit"), m);
    }

    private Response companyForm(ContainerRequestContext request, int status, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> m = new HashMap<>();
        m.put("formAction", "/companies");
        m.put("v", values);
        m.put("errors", errors);
        m.put("hasErrors", !errors.isEmpty());
        m.put("statuses", statusOptions(request, values.getOrDefault("status", "PROSPECT")));
        return views.page(request, status, "companies-new", views.text(request, "company_new"), m);
    }

    @GET
    @Path("companies/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response show(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return companyPage(request, 200, id, Map.of(), Map.of());
    }

    private Response companyPage(ContainerRequestContext request, int status, long id, Map<String, String> noteValues, Map<String, String> noteErrors) {
        Company c = companies.get(id);
        Map<String, Object> m = new HashMap<>();
        m.put("company", c);
        m.put("pageCompanyId", c.id());
        m.put("statusLabel", views.text(request, "status_" + c.status().name()));
        m.put("contacts", contacts.ofCompany(id, false));
        m.put("agreements", agreements.list(AgreementQuery.ofCompany(id), 1, 100)
                .items().stream().map(a -> Map.of("agreement", a, "amount", Money.euros(a.amountCents()),
                        "statusLabel", views.text(request, "agreement_" + a.status().name()))).toList());
        m.put("timeline", companies.timeline(id, 1, 50).items().stream().map(a -> Map.of("activity", a,
                "kindLabel", views.text(request, "activity_" + a.kind().name()),
                "what", a.text() != null ? a.text() : a.systemEvent() == null ? "" : a.systemEvent())).toList());
        var duplicates = companies.duplicates(id).stream().limit(5).toList();
        m.put("duplicates", duplicates);
        m.put("hasDuplicates", !duplicates.isEmpty());
        m.put("audit", audit.search(new AuditQuery(null, null, "company", String.valueOf(id), null, null), 1, 20).items());
        m.put("note", noteValues);
        m.put("errors", noteErrors);
        return views.page(request, status, "companies-show", c.legalName(), m);
    }

    @POST
    @Path("companies/{id: \\d+}/activities")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response addActivity(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            companies.addActivity(AccessFilter.actor(request), id, Forms.json(form, Set.of(), Set.of()));
            return Response.seeOther(URI.create("/companies/" + id + "#timeline")).build();
        } catch (InvalidInputException e) {
            return companyPage(request, 422, id, Forms.values(form), Views.errors(e.errors()));
        }
    }

    /** Merges a duplicate into this company (this one's values win). */
    @POST
    @Path("companies/{id: \\d+}/merge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response merge(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        String source = form.getFirst("sourceId");
        companies.merge(AccessFilter.actor(request), id, source == null || !source.matches("\\d{1,18}") ? null : Long.valueOf(source), List.of());
        return Response.seeOther(URI.create("/companies/" + id)).build();
    }

    private List<Map<String, Object>> statusOptions(ContainerRequestContext request, String selected) {
        return views.options(request, "status", Arrays.stream(Status.values()).map(Enum::name).toList(), selected);
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
