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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.web.Paging;
import org.ffmas.crm.web.QueryParams;

/** {@code /api/companies}: the file of partner companies, their contacts, duplicates and timeline. */
@Path("/api/companies")
@Produces(MediaType.APPLICATION_JSON)
public final class CompanyResource {

    /** What a company page shows at once. */
    public record Overview(Company company, List<Contact> contacts, List<Activity> timeline) {}

    private final CompanyService companies;
    private final ContactService contacts;
    private final RegistryEnrichment enrichment;

    public CompanyResource(CompanyService companies, ContactService contacts, RegistryEnrichment enrichment) {
        this.companies = companies;
        this.contacts = contacts;
        this.enrichment = enrichment;
    }

    /** Fills the company's fields from a company registry (a started plugin's CompanyEnricher), by its SIREN. */
    @POST
    @Path("/{id: \\d+}/enrich")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Company enrich(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return enrichment.enrich(AccessFilter.actor(request), id);
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<Company> list(@QueryParam("q") String q, @QueryParam("status") List<String> status, @QueryParam("tag") List<String> tag,
                              @QueryParam("sector") List<String> sector, @QueryParam("sizeBracket") List<String> sizeBracket,
                              @QueryParam("department") List<String> department, @QueryParam("region") List<String> region,
                              @QueryParam("ownerId") String ownerId, @QueryParam("hasActiveAgreement") String hasActiveAgreement,
                              @QueryParam("sort") @DefaultValue("name") String sort,
                              @QueryParam("page") @DefaultValue("1") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        Paging p = Paging.of(v, page, size);
        CompanyQuery query = query(v, q, status, tag, sector, sizeBracket, department, region, ownerId, hasActiveAgreement, sort);
        return companies.list(query, p.page(), p.size());
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv; charset=UTF-8")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response export(@QueryParam("q") String q, @QueryParam("status") List<String> status, @QueryParam("tag") List<String> tag,
                           @QueryParam("sector") List<String> sector, @QueryParam("sizeBracket") List<String> sizeBracket,
                           @QueryParam("department") List<String> department, @QueryParam("region") List<String> region,
                           @QueryParam("ownerId") String ownerId, @QueryParam("hasActiveAgreement") String hasActiveAgreement,
                           @QueryParam("sort") @DefaultValue("name") String sort) {
        CompanyQuery query = query(new Validation(), q, status, tag, sector, sizeBracket, department, region, ownerId,
                hasActiveAgreement, sort);
        StreamingOutput body = out -> {
            try (CompanyCsv csv = new CompanyCsv(out)) {
                companies.forEach(query, csv::write);
            }
        };
        String file = "entreprises-" + LocalDate.now(ZoneId.of("Europe/Paris")) + ".csv";
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /** The list's filters, checked; problems go to {@code v}, thrown together. */
    static CompanyQuery query(Validation v, String q, List<String> status, List<String> tag, List<String> sector,
                              List<String> sizeBracket, List<String> department, List<String> region, String ownerId,
                              String hasActiveAgreement, String sort) {
        String text = v.optionalText("q", q, 200);
        List<Status> statuses = QueryParams.enums(v, "status", status, Status.class);
        List<Sector> sectors = QueryParams.enums(v, "sector", sector, Sector.class);
        List<SizeBracket> sizes = QueryParams.enums(v, "sizeBracket", sizeBracket, SizeBracket.class);
        List<String> departments = QueryParams.values(department).stream().map(String::toUpperCase).toList();
        departments.stream().filter(d -> !FrenchGeography.knownDepartment(d))
                .forEach(d -> v.error("department", "'" + d + "' is not a French department code such as 75, 2A or 974"));
        List<String> regions = QueryParams.values(region);
        regions.stream().filter(r -> !FrenchGeography.knownRegion(r))
                .forEach(r -> v.error("region", "'" + r + "' is not an INSEE region code such as 11 or 84"));
        Long owner = QueryParams.id(v, "ownerId", ownerId);
        Boolean active = QueryParams.bool(v, "hasActiveAgreement", hasActiveAgreement);
        String key = sort.startsWith("-") ? sort.substring(1) : sort;
        if (!CompanyQuery.SORTS.contains(key)) {
            v.error("sort", "must be one of " + String.join(", ", CompanyQuery.SORTS) + ", with - in front for descending");
        }
        v.throwIfAny();
        return new CompanyQuery(text, statuses, QueryParams.values(tag), sectors, sizes, departments, regions, owner, active, sort);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response create(JsonNode body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        Company c = companies.create(AccessFilter.actor(request), NewCompany.from(body));
        return Response.created(URI.create("/" + uri.getPath() + "/" + c.id())).entity(c).build();
    }

    @GET
    @Path("/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Company get(@PathParam("id") long id) {
        return companies.get(id);
    }

    @GET
    @Path("/{id: \\d+}/overview")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Overview overview(@PathParam("id") long id) {
        return new Overview(companies.get(id), contacts.ofCompany(id, false), companies.timeline(id, 1, 50).items());
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Company update(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        return companies.update(AccessFilter.actor(request), id, CompanyChange.from(body));
    }

    /** Archives the company (its history stays); answers the archived company. */
    @DELETE
    @Path("/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF})
    public Company archive(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return companies.archive(AccessFilter.actor(request), id);
    }

    @GET
    @Path("/{id: \\d+}/contacts")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<Contact>> contacts(@PathParam("id") long id, @QueryParam("includeArchived") String includeArchived) {
        Validation v = new Validation();
        Boolean archived = QueryParams.bool(v, "includeArchived", includeArchived);
        v.throwIfAny();
        return Map.of("items", contacts.ofCompany(id, Boolean.TRUE.equals(archived)));
    }

    @POST
    @Path("/{id: \\d+}/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response addContact(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        Contact c = contacts.create(AccessFilter.actor(request), id, NewContact.from(body));
        return Response.created(URI.create("/api/contacts/" + c.id())).entity(c).build();
    }

    @GET
    @Path("/{id: \\d+}/duplicates")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Map<String, List<DuplicateCandidate>> duplicates(@PathParam("id") long id) {
        return Map.of("items", companies.duplicates(id));
    }

    /** {@code {"sourceId": N, "takeFromSource": ["phone", ...]}}: merges N into this company. */
    @POST
    @Path("/{id: \\d+}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Company merge(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request) {
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, Set.of("sourceId", "takeFromSource"), Set.of());
        Long sourceId = f.number("sourceId");
        List<String> take = f.texts("takeFromSource");
        v.throwIfAny();
        return companies.merge(AccessFilter.actor(request), id, sourceId, take);
    }

    @POST
    @Path("/{id: \\d+}/activities")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response addActivity(@PathParam("id") long id, JsonNode body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        Activity a = companies.addActivity(AccessFilter.actor(request), id, NewActivity.from(body));
        return Response.status(Response.Status.CREATED).entity(a).build();
    }

    @GET
    @Path("/{id: \\d+}/timeline")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Page<Activity> timeline(@PathParam("id") long id, @QueryParam("page") @DefaultValue("1") String page,
                                   @QueryParam("size") @DefaultValue("50") String size) {
        Paging p = Paging.of(page, size);
        return companies.timeline(id, p.page(), p.size());
    }
}
