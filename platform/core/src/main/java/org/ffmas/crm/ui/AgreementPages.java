package org.ffmas.crm.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.agreement.Agreement;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.agreement.Lifecycle;
import org.ffmas.crm.agreement.PaperworkService;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.UiPage;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/** Agreements: the form for a company's new agreement, an agreement's page, moving it on, its documents and paid instalments. */
@Path("/")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class AgreementPages {

    private final Views views;
    private final CompanyService companies;
    private final AgreementService agreements;
    private final PaperworkService paperwork;

    public AgreementPages(Views views, CompanyService companies, AgreementService agreements, PaperworkService paperwork) {
        this.views = views;
        this.companies = companies;
        this.agreements = agreements;
        this.paperwork = paperwork;
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
        m.put("kinds", views.options(request, "kind", Arrays.stream(Agreement.Kind.values()).map(Enum::name).toList(), values.get("kind")));
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
        m.put("givesReceipt", PaperworkService.givesReceipt(a));
        m.put("receipt", paperwork.receipt(id).orElse(null));
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
            return agreementPage(request, 422, id, fieldErrors(e));
        } catch (ConflictException e) {
            return agreementPage(request, 409, id, e.getMessage());
        }
    }

    @POST
    @Path("agreements/{id: \\d+}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response upload(@PathParam("id") long id, @FormDataParam("csrf") String csrf, @FormDataParam("file") InputStream file,
                           @FormDataParam("file") FormDataContentDisposition disposition,
                           @Context ContainerRequestContext request) throws IOException {
        Views.checkCsrf(request, csrf);
        if (file == null || disposition == null || disposition.getFileName() == null || disposition.getFileName().isBlank()) {
            return agreementPage(request, 422, id, views.text(request, "import_noFile"));
        }
        try {
            paperwork.addDocument(AccessFilter.actor(request), id, file, disposition.getFileName());
        } catch (InvalidInputException e) {
            return agreementPage(request, 422, id, fieldErrors(e));
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
        } catch (InvalidInputException | ConflictException e) {
            return agreementPage(request, 422, id, e.getMessage());
        }
        return Response.seeOther(URI.create("/agreements/" + id)).build();
    }

    /** Issues the tax receipt (the PDF is then downloaded from the agreement's page): numbers are taken only here, never by a download. */
    @POST
    @Path("agreements/{id: \\d+}/receipts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response issueReceipt(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request)
            throws IOException {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            paperwork.issueReceipt(AccessFilter.actor(request), id);
        } catch (ConflictException e) {
            return agreementPage(request, 409, id, e.getMessage());
        }
        return Response.seeOther(URI.create("/agreements/" + id)).build();
    }

    /** A refusal's field errors on one line, as the agreement page shows them: {@code field message; field message}. */
    private static String fieldErrors(InvalidInputException e) {
        return e.errors().stream().map(x -> x.field() + " " + x.message()).reduce((x, y) -> x + "; " + y).orElse("");
    }
}
