package org.ffmas.crm.ui;

import org.ffmas.crm.web.UiPage;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.agreement.Agreement;
import org.ffmas.crm.agreement.AgreementQuery;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.agreement.Lifecycle;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.partner.CompanyQuery;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.AccessFilter;

/** Companies: the list with search, a company's page, and the forms for companies, contacts, notes and agreements. */
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
    private final org.ffmas.crm.agreement.PaperworkService paperwork;
    private final org.ffmas.crm.audit.AuditService audit;

    public CompanyPages(Views views, CompanyService companies, ContactService contacts, AgreementService agreements,
                        org.ffmas.crm.agreement.PaperworkService paperwork, org.ffmas.crm.audit.AuditService audit) {
        this.views = views;
        this.companies = companies;
        this.contacts = contacts;
        this.agreements = agreements;
        this.paperwork = paperwork;
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
        Status s = status == null || status.isBlank() ? null : org.ffmas.crm.common.Enums.parse(new org.ffmas.crm.common.Validation(), "status", status, Status.class);
        String order = CompanyQuery.SORTS.contains(sort) ? sort : "name";
        String t = tag == null || tag.isBlank() ? null : tag.strip();
        // a department is two characters (75, 2A) or three overseas (974); anything else filters nothing
        String typed = department == null ? "" : department.strip().toUpperCase(java.util.Locale.ROOT);
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
        v.put("siren", nz(c.siren()));
        v.put("siret", nz(c.siret()));
        v.put("address_line1", nz(c.address().line1()));
        v.put("address_postalCode", nz(c.address().postalCode()));
        v.put("address_city", nz(c.address().city()));
        v.put("address_country", nz(c.address().country()));
        v.put("phone", nz(c.phone()));
        v.put("website", nz(c.website()));
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
        } catch (org.ffmas.crm.common.ConflictException e) {
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

    private static String nz(String s) {
        return s == null ? "" : s;
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
        m.put("audit", audit.search(new org.ffmas.crm.audit.AuditQuery(null, null, "company", String.valueOf(id), null, null), 1, 20).items());
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

    @GET
    @Path("companies/{id: \\d+}/contacts/new")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response newContact(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return contactForm(request, 200, companies.get(id), Map.of("emailStatus", "NOT_ASKED", "language", "fr"), Map.of());
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
            return contactForm(request, 422, companies.get(id), Forms.values(form), Views.errors(e.errors()));
        }
    }

    @GET
    @Path("contacts/{id: \\d+}/edit")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response editContact(@PathParam("id") long id, @Context ContainerRequestContext request) {
        org.ffmas.crm.partner.Contact c = contacts.get(id);
        Map<String, String> v = new HashMap<>();
        v.put("firstName", nz(c.firstName()));
        v.put("lastName", nz(c.lastName()));
        v.put("email", nz(c.email()));
        v.put("phone", nz(c.phone()));
        v.put("jobTitle", nz(c.jobTitle()));
        v.put("function", c.function() == null ? "" : c.function().name());
        v.put("emailStatus", c.emailStatus().name());
        v.put("consentSource", nz(c.consentSource()));
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
        } catch (org.ffmas.crm.common.ConflictException e) {
            // changed by someone else meanwhile: keep what was typed, say so
            return contactForm(request, 409, companies.get(companyId), Forms.values(form), Map.of("lastName", e.getMessage()), id);
        }
    }

    private Response contactForm(ContainerRequestContext request, int status, Company c, Map<String, String> values, Map<String, String> errors) {
        return contactForm(request, status, c, values, errors, null);
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
        m.put("functions", options(request, "function", List.of("DIRECTION", "HR", "ASSISTANT", "OFFICE_MANAGER", "COMMUNICATION", "OTHER"),
                values.get("function")));
        // a bounced address is set by the mailbox, not by staff: shown, not offered
        boolean bounced = "BOUNCED".equals(values.get("emailStatus"));
        m.put("bounced", bounced);
        m.put("emailStatuses", options(request, "emailStatus", bounced ? List.of("BOUNCED") : List.of("NOT_ASKED", "SUBSCRIBED", "UNSUBSCRIBED"),
                values.get("emailStatus")));
        return views.page(request, status, "contacts-new", views.text(request, contactId == null ? "contact_new" : "contact_edit"), m);
    }

    @GET
    @Path("companies/{id: \\d+}/agreements/new")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response newAgreement(@PathParam("id") long id, @Context ContainerRequestContext request) {
        int year = agreements.today().getYear();
        return agreementForm(request, 200, companies.get(id), Map.of("startDate", year + "-01-01", "endDate", year + "-12-31",
                "kind", "MECENAT_FINANCIER"), Map.of());
    }

    @POST
    @Path("companies/{id: \\d+}/agreements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response createAgreement(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        ObjectNode body = Forms.json(form, Set.of(), Set.of());
        body.put("companyId", id);
        if (body.has("amountEuros")) {
            String euros = body.remove("amountEuros").asText().replace(" ", "").replace(',', '.');
            try {
                body.put("amountCents", Math.round(Double.parseDouble(euros) * 100));
            } catch (NumberFormatException e) {
                return agreementForm(request, 422, companies.get(id), Forms.values(form), Map.of("amountEuros", views.text(request, "error_amount")));
            }
        }
        try {
            Agreement a = agreements.create(AccessFilter.actor(request), body);
            return Response.seeOther(URI.create("/agreements/" + a.id())).build();
        } catch (InvalidInputException e) {
            Map<String, String> errors = new HashMap<>(Views.errors(e.errors()));
            String amount = errors.remove("amountCents");
            if (amount != null) {
                errors.put("amountEuros", amount);
            }
            return agreementForm(request, 422, companies.get(id), Forms.values(form), errors);
        }
    }

    private Response agreementForm(ContainerRequestContext request, int status, Company c, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> m = new HashMap<>();
        m.put("company", c);
        m.put("v", values);
        m.put("errors", errors);
        m.put("hasErrors", !errors.isEmpty());
        m.put("kinds", options(request, "kind", java.util.Arrays.stream(Agreement.Kind.values()).map(Enum::name).toList(), values.get("kind")));
        m.put("tiers", agreements.tiers().keySet().stream().map(t -> Map.of("value", t, "label", t, "selected", t.equals(values.get("tier"))))
                .toList());
        return views.page(request, status, "agreements-new", views.text(request, "agreement_new"), m);
    }

    @GET
    @Path("agreements/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response agreement(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return agreementPage(request, 200, id, null);
    }

    private Response agreementPage(ContainerRequestContext request, int status, long id, String error) {
        Agreement a = agreements.get(id);
        Map<String, Object> m = new HashMap<>();
        m.put("agreement", a);
        m.put("company", companies.get(a.companyId()));
        m.put("amount", Money.euros(a.amountCents()));
        m.put("kindLabel", views.text(request, "kind_" + a.kind().name()));
        m.put("statusLabel", views.text(request, "agreement_" + a.status().name()));
        List<Map<String, Object>> moves = new ArrayList<>();
        for (Lifecycle.Status to : a.allowedTransitions()) {
            moves.add(Map.of("to", to.name(), "label", views.text(request, "move_" + to.name()), "needsReason", to == Lifecycle.Status.TERMINATED));
        }
        m.put("moves", moves);
        m.put("instalments", a.instalments().stream().map(i -> Map.of("instalment", i, "amount", Money.euros(i.amountCents()),
                "unpaid", i.paidAt() == null)).toList());
        m.put("counterparts", a.counterparts().stream().map(c -> Map.of("counterpart", c, "value", Money.euros(c.valueCents()),
                "delivered", c.deliveredAt() != null)).toList());
        m.put("hasCounterparts", !a.counterparts().isEmpty());
        m.put("hasInstalments", !a.instalments().isEmpty());
        m.put("givesReceipt", org.ffmas.crm.agreement.PaperworkService.givesReceipt(a));
        m.put("documents", paperwork.documents(id));
        m.put("error", error);
        m.put("today", agreements.today().toString());
        return views.page(request, status, "agreements-show", a.title(), m);
    }

    @POST
    @Path("agreements/{id: \\d+}/transitions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response transition(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            agreements.transition(AccessFilter.actor(request), id, form.getFirst("to"), form.getFirst("date"), form.getFirst("reason"));
            return Response.seeOther(URI.create("/agreements/" + id)).build();
        } catch (InvalidInputException e) {
            return agreementPage(request, 422, id, e.errors().stream().map(x -> x.field() + " " + x.message()).reduce((x, y) -> x + "; " + y).orElse(""));
        } catch (org.ffmas.crm.common.ConflictException e) {
            return agreementPage(request, 409, id, e.getMessage());
        }
    }

    @POST
    @Path("agreements/{id: \\d+}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response upload(@PathParam("id") long id, @org.glassfish.jersey.media.multipart.FormDataParam("csrf") String csrf,
                           @org.glassfish.jersey.media.multipart.FormDataParam("file") java.io.InputStream file,
                           @org.glassfish.jersey.media.multipart.FormDataParam("file")
                           org.glassfish.jersey.media.multipart.FormDataContentDisposition disposition,
                           @Context ContainerRequestContext request) throws java.io.IOException {
        Views.checkCsrf(request, csrf);
        if (file == null || disposition == null || disposition.getFileName() == null || disposition.getFileName().isBlank()) {
            return agreementPage(request, 422, id, views.text(request, "import_noFile"));
        }
        try {
            paperwork.addDocument(AccessFilter.actor(request), id, file, disposition.getFileName());
        } catch (InvalidInputException e) {
            return agreementPage(request, 422, id, e.errors().stream().map(x -> x.field() + " " + x.message()).reduce((x, y) -> x + "; " + y).orElse(""));
        }
        return Response.seeOther(URI.create("/agreements/" + id)).build();
    }

    @POST
    @Path("agreements/{id: \\d+}/instalments/{instalmentId: \\d+}/paid")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response paid(@PathParam("id") long id, @PathParam("instalmentId") long instalmentId, MultivaluedMap<String, String> form,
                         @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            agreements.markPaid(AccessFilter.actor(request), id, instalmentId, form.getFirst("paidAt"), form.getFirst("reference"));
        } catch (InvalidInputException | org.ffmas.crm.common.ConflictException e) {
            return agreementPage(request, 422, id, e.getMessage());
        }
        return Response.seeOther(URI.create("/agreements/" + id)).build();
    }

    private List<Map<String, Object>> statusOptions(ContainerRequestContext request, String selected) {
        return java.util.Arrays.stream(Status.values()).map(s -> Map.<String, Object>of("value", s.name(),
                "label", views.text(request, "status_" + s.name()), "selected", s.name().equals(selected))).toList();
    }

    private List<Map<String, Object>> options(ContainerRequestContext request, String prefix, List<String> values, String selected) {
        return values.stream().map(x -> Map.<String, Object>of("value", x, "label", views.text(request, prefix + "_" + x),
                "selected", x.equals(selected))).toList();
    }

    private static String enc(String s) {
        return s == null ? "" : java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
