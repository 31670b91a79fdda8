package org.ffmas.crm.imports;

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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.Paging;
import org.ffmas.crm.web.QueryParams;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/** {@code /api/imports}: CSV files of companies or contacts, imported by a Camel route; their reports. */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportResource {

    private final ImportService imports;
    private final ProducerTemplate producer;

    public ImportResource(ImportService imports, ProducerTemplate producer) {
        this.imports = imports;
        this.producer = producer;
    }

    /** The CSV as the body ({@code text/csv}), named by {@code ?fileName=}; {@code ?enrich=true} fills companies from the registry. */
    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response upload(@QueryParam("entity") String entity, @QueryParam("fileName") String fileName, @QueryParam("enrich") String enrich,
                           InputStream body, @Context ContainerRequestContext request, @Context UriInfo uri) throws IOException {
        return queue(entity, fileName, enrich, body, request, uri);
    }

    /** The CSV as the multipart part {@code file}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response uploadForm(@QueryParam("entity") String entity, @QueryParam("enrich") String enrich, @FormDataParam("file") InputStream file,
                               @FormDataParam("file") FormDataContentDisposition disposition,
                               @Context ContainerRequestContext request, @Context UriInfo uri) throws IOException {
        if (file == null) {
            throw new InvalidInputException("file", "is required: send the CSV as the multipart part named file");
        }
        return queue(entity, disposition == null ? null : disposition.getFileName(), enrich, file, request, uri);
    }

    private Response queue(String entity, String fileName, String enrich, InputStream body, ContainerRequestContext request, UriInfo uri)
            throws IOException {
        ImportService.checkEntity(entity);
        Validation v = new Validation();
        Boolean withRegistry = QueryParams.bool(v, "enrich", enrich);
        v.throwIfAny();
        long id = imports.receive(AccessFilter.actor(request), entity, fileName, body, Boolean.TRUE.equals(withRegistry));
        return run(id, entity, uri);
    }

    private Response run(long id, String entity, UriInfo uri) {
        producer.sendBodyAndHeaders(ImportRoutes.UPLOADS, null, Map.of("importId", id, "entity", entity));
        return Response.accepted(Map.of("id", id)).location(URI.create("/api/imports/" + id))
                .build();
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<ImportRun>> recent() {
        return Map.of("items", imports.recent());
    }

    @GET
    @Path("/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public ImportRun get(@PathParam("id") long id) {
        return imports.get(id);
    }

    /** Imports again an uploaded file whose import failed or was interrupted by a stop: {@code 202 {"id"}}, as an upload. */
    @POST
    @Path("/{id: \\d+}/restart")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response restart(@PathParam("id") long id, @Context ContainerRequestContext request, @Context UriInfo uri) {
        ImportRun run = imports.restart(AccessFilter.actor(request), id);
        return run(id, run.entity(), uri);
    }

    /** The rejected rows' problems, page by page ({@code size} 50 by default, 500 at most). */
    @GET
    @Path("/{id: \\d+}/rejections")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<ImportRun.RowError> rejections(@PathParam("id") long id, @QueryParam("page") @DefaultValue("1") String page,
                                               @QueryParam("size") @DefaultValue("50") String size) {
        Paging p = Paging.of(page, size);
        return imports.rejections(id, p.page(), p.size());
    }

    @GET
    @Path("/{id: \\d+}/rejected.csv")
    @Produces("text/csv; charset=UTF-8")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response rejected(@PathParam("id") long id) {
        imports.get(id);
        StreamingOutput body = out -> imports.writeRejected(id, out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"import-" + id + "-rejets.csv\"").build();
    }
}
