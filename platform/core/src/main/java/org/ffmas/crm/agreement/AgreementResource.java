package org.ffmas.crm.agreement;

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
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.agreement.Agreement.Kind;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.Paging;
import org.ffmas.crm.web.QueryParams;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/** {@code /api/agreements}: sponsorship and partnership agreements. */
@Path("/api/agreements")
@Produces(MediaType.APPLICATION_JSON)
public final class AgreementResource {

    private final AgreementService agreements;
    private final PaperworkService paperwork;

    public AgreementResource(AgreementService agreements, PaperworkService paperwork) {
        this.agreements = agreements;
        this.paperwork = paperwork;
    }

    /** Uploads a signed document: a multipart form whose part {@code file} is a PDF of 20 MB at most. */
    @POST
    @Path("/{id: \\d+}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response addDocument(@PathParam("id") long id, @FormDataParam("file") InputStream file,
                                @FormDataParam("file")
                                FormDataContentDisposition disposition,
                                @Context ContainerRequestContext request, @Context UriInfo uri) throws IOException {
        AgreementDocument d = paperwork.addDocument(AccessFilter.actor(request), id, file,
                disposition == null ? null : utf8(disposition.getFileName()));
        return Response.created(URI.create("/" + uri.getPath() + "/" + d.id())).entity(d).build();
    }

    /** Browsers send file names in UTF-8, which the multipart parser reads as ISO-8859-1. */
    private static String utf8(String name) {
        if (name == null) {
            return null;
        }
        byte[] raw = name.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return name;
        }
    }

    @GET
    @Path("/{id: \\d+}/documents")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<AgreementDocument>> documents(@PathParam("id") long id) {
        return Map.of("items", paperwork.documents(id));
    }

    @GET
    @Path("/{id: \\d+}/documents/{documentId: \\d+}")
    @Produces("application/pdf")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response document(@PathParam("id") long id, @PathParam("documentId") long documentId) {
        AgreementDocument d = paperwork.document(id, documentId);
        return Response.ok(paperwork.documentFile(id, documentId).toFile(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + d.fileName().replace("\"", "") + "\"")
                .tag(d.sha256()).build();
    }

    /**
     * Issues the tax receipt (reçu fiscal) of a paid mécénat agreement: 201 with the receipt,
     * numbered now; 200 with the same receipt when it was issued before (no number taken).
     */
    @POST
    @Path("/{id: \\d+}/receipts")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response issueReceipt(@PathParam("id") long id, @Context ContainerRequestContext request) throws IOException {
        PaperworkService.Issued issued = paperwork.issueReceipt(AccessFilter.actor(request), id);
        return Response.status(issued.created() ? Response.Status.CREATED : Response.Status.OK)
                // relative: made from the request, it would echo its Host header
                .location(URI.create("/api/agreements/" + id + "/receipt.pdf"))
                .entity(issued.receipt()).build();
    }

    /** The PDF of the agreement's tax receipt, the same file each time; 404 until it is issued (reading numbers nothing). */
    @GET
    @Path("/{id: \\d+}/receipt.pdf")
    @Produces("application/pdf")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response receipt(@PathParam("id") long id) {
        PaperworkService.ReceiptFile r = paperwork.receiptFile(id);
        return Response.ok(r.pdf().toFile(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"recu-fiscal-" + r.number() + ".pdf\"").build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<Agreement> list(@QueryParam("status") List<String> status, @QueryParam("kind") List<String> kind,
                                @QueryParam("tier") List<String> tier, @QueryParam("companyId") String companyId,
                                @QueryParam("endsBefore") String endsBefore, @QueryParam("endsAfter") String endsAfter,
                                @QueryParam("page") @DefaultValue("1") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        Paging p = Paging.of(v, page, size);
        var query = new AgreementQuery(QueryParams.enums(v, "status", status, Status.class),
                QueryParams.enums(v, "kind", kind, Kind.class), QueryParams.values(tier), QueryParams.id(v, "companyId", companyId),
                v.date("endsBefore", endsBefore), v.date("endsAfter", endsAfter));
        v.throwIfAny();
        return agreements.list(query, p.page(), p.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response create(JsonNode body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        Agreement a = agreements.create(AccessFilter.actor(request), NewAgreement.from(body));
        return Response.created(URI.create("/" + uri.getPath() + "/" + a.id())).entity(a).build();
    }

    /** The tiers and their default amounts, in cents. */
    @GET
    @Path("/tiers")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, Long> tiers() {
        return agreements.tiers();
    }

    /** {@code ?overdue=true}: unpaid instalments past their due date, oldest first. */
    @GET
    @Path("/instalments")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<OverdueInstalment>> instalments(@QueryParam("overdue") @DefaultValue("true") String overdue) {
        Validation v = new Validation();
        if (!"true".equals(overdue)) {
            v.error("overdue", "only overdue=true is offered: unpaid instalments past their due date");
        }
        v.throwIfAny();
        return Map.of("items", agreements.overdueInstalments());
    }

    @GET
    @Path("/expiring")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<Agreement>> expiring(@QueryParam("days") @DefaultValue("90") String days) {
        Validation v = new Validation();
        int d = 90;
        try {
            d = Integer.parseInt(days);
            if (d < 0 || d > 3650) {
                v.error("days", "must be between 0 and 3650");
            }
        } catch (NumberFormatException e) {
            v.error("days", "must be a number of days");
        }
        v.throwIfAny();
        return Map.of("items", agreements.expiring(d));
    }

    @GET
    @Path("/summary")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, Object> summary(@QueryParam("year") String year) {
        Validation v = new Validation();
        int y = agreements.today().getYear();
        if (year != null) {
            try {
                y = Integer.parseInt(year);
                if (y < 1990 || y > 2200) {
                    v.error("year", "must be a year such as 2026");
                }
            } catch (NumberFormatException e) {
                v.error("year", "must be a year such as 2026");
            }
        }
        v.throwIfAny();
        return agreements.summary(y);
    }

    /** Creates the renewal: a DRAFT with the same terms, shifted by the agreement's length. */
    @POST
    @Path("/{id: \\d+}/renew")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response renew(@PathParam("id") long id, @Context ContainerRequestContext request, @Context UriInfo uri) {
        Agreement renewal = agreements.renew(AccessFilter.actor(request), id);
        return Response.created(URI.create("/api/agreements/" + renewal.id()))
                .entity(renewal).build();
    }

    @GET
    @Path("/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Agreement get(@PathParam("id") long id) {
        return agreements.get(id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Agreement update(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        return agreements.update(AccessFilter.actor(request), id, AgreementChange.from(body));
    }

    /** {@code {"to": "SIGNED", "date": "2026-11-25", "reason": "..."}}. */
    @POST
    @Path("/{id: \\d+}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Agreement transition(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, Set.of("to", "date", "reason"), Set.of());
        String to = f.text("to");
        String date = f.text("date");
        String reason = f.text("reason");
        v.throwIfAny();
        return agreements.transition(AccessFilter.actor(request), id, to, date, reason);
    }

    /** {@code {"paidAt": "2026-11-25", "reference": "VIR-2026-118"}}. */
    @POST
    @Path("/{id: \\d+}/instalments/{instalmentId: \\d+}/paid")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Agreement paid(@PathParam("id") long id, @PathParam("instalmentId") long instalmentId, JsonNode body,
                          @Context ContainerRequestContext request) {
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, Set.of("paidAt", "reference"), Set.of());
        String paidAt = f.text("paidAt");
        String reference = f.text("reference");
        v.throwIfAny();
        return agreements.markPaid(AccessFilter.actor(request), id, instalmentId, paidAt, reference);
    }
}
