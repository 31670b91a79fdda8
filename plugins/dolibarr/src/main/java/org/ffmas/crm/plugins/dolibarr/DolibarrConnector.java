package org.ffmas.crm.plugins.dolibarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.extension.SyncConnector;
import org.ffmas.crm.api.http.OutboundRequest;
import org.ffmas.crm.api.http.OutboundResponse;
import org.ffmas.crm.api.model.CompanyData;
import org.ffmas.crm.api.model.CompanyEnrichment;
import org.ffmas.crm.api.model.ContactBatch;
import org.ffmas.crm.api.model.ContactData;
import org.ffmas.crm.api.model.SyncBatch;
import org.ffmas.crm.api.model.SyncBatch.ExternalCompany;
import org.pf4j.Extension;

/**
 * Dolibarr's REST API ({@code /thirdparties} and {@code /contacts}, {@code DOLAPIKEY} header).
 * Pulls third parties and their contacts modified since the cursor ({@code sqlfilters} on
 * {@code t.tms}), page by page in id order so that paging is stable while records change; pushes
 * with POST (new) or PUT, then reads the record back as Dolibarr stored it. French professional ids: idprof1 SIREN, idprof2 SIRET,
 * idprof3 NAF (APE).
 */
@Extension
public class DolibarrConnector implements SyncConnector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String system() {
        return "dolibarr";
    }

    @Override
    public java.util.Optional<String> notReady(PluginContext context) {
        String key = context.settings().text(DolibarrPlugin.API_KEY);
        return key == null || key.isBlank()
                ? java.util.Optional.of("set the dolibarr plugin's apiKey (and baseUrl) first")
                : java.util.Optional.empty();
    }

    @Override
    public SyncBatch pull(String cursor, PluginContext context) throws Exception {
        Page page = listModified("/thirdparties", "third parties", cursor, context);
        List<ExternalCompany> companies = new ArrayList<>();
        for (JsonNode t : page.records()) {
            companies.add(company(t));
        }
        return new SyncBatch(companies, page.nextCursor(), page.more());
    }

    @Override
    public ContactBatch pullContacts(String cursor, PluginContext context) throws Exception {
        Page page = listModified("/contacts", "contacts", cursor, context);
        List<ContactBatch.ExternalContact> people = new ArrayList<>();
        for (JsonNode c : page.records()) {
            people.add(contact(c));
        }
        return new ContactBatch(people, page.nextCursor(), page.more());
    }

    /** One page of the records of {@code resource} modified since the cursor, and the cursor after it. */
    private Page listModified(String resource, String what, String cursor, PluginContext context) throws Exception {
        Cursor from = Cursor.parse(cursor);
        int size = Math.max(1, context.settings().integer(DolibarrPlugin.PAGE_SIZE));
        StringBuilder query = new StringBuilder(resource).append("?sortfield=t.rowid&sortorder=ASC&limit=").append(size)
                .append("&page=").append(from.page());
        if (from.since() > 0) {
            // a second earlier: the boundary's records come again, which the platform recognises
            String since = SQL_TIME.format(Instant.ofEpochSecond(from.since() - 1));
            query.append("&sqlfilters=").append(URLEncoder.encode("(t.tms:>=:'" + since + "')", StandardCharsets.UTF_8));
        }
        OutboundResponse response = send(context, OutboundRequest.get(uri(context, query.toString())));
        List<JsonNode> records = new ArrayList<>();
        long newest = from.newest();
        if (!emptyList(response)) {
            check(response, "listing " + what);
            JsonNode list = parse(response);
            if (!list.isArray()) {
                throw new IOException("Dolibarr answered something else than a list of " + what);
            }
            for (JsonNode r : list) {
                records.add(r);
                newest = Math.max(newest, r.path("date_modification").asLong(0));
            }
        }
        boolean more = records.size() == size;
        String next = more ? new Cursor(from.since(), from.page() + 1, newest).text() : new Cursor(Math.max(from.since(), newest), 0, 0).text();
        context.logger().debug("pulled {} {} from Dolibarr (page {}, since {})", records.size(), what, from.page(), from.since());
        return new Page(records, next, more);
    }

    private record Page(List<JsonNode> records, String nextCursor, boolean more) {}

    @Override
    public ExternalCompany push(CompanyData company, String externalId, PluginContext context) throws Exception {
        ObjectNode body = thirdParty(company);
        if (externalId == null) {
            body.put("code_client", "-1"); // Dolibarr numbers the customer code itself
        }
        return company(write("/thirdparties", "third party", "company " + company.id(), body, externalId, context));
    }

    @Override
    public ContactBatch.ExternalContact pushContact(ContactData contact, String companyExternalId, String externalId,
                                                    PluginContext context) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("lastname", contact.lastName());
        body.put("firstname", nz(contact.firstName()));
        body.put("email", nz(contact.email()));
        body.put("phone_pro", nz(contact.phone()));
        if (companyExternalId != null) {
            body.put("socid", companyExternalId);
        }
        // 1 active, 0 inactive: an archived contact is kept there, as here, but no longer in use
        body.put("statut", contact.archived() ? 0 : 1);
        return contact(write("/contacts", "contact", "contact " + contact.id(), body, externalId, context));
    }

    /** Creates (POST, Dolibarr answers the new id) or updates (PUT) a record, then reads it back as Dolibarr stored it. */
    private JsonNode write(String resource, String what, String ours, ObjectNode body, String externalId, PluginContext context)
            throws Exception {
        String id = externalId;
        if (id == null) {
            OutboundResponse created = send(context, OutboundRequest.post(uri(context, resource), "application/json", body.toString()));
            check(created, "creating a " + what + " for " + ours);
            id = parse(created).asText();
            if (!id.matches("\\d+")) {
                throw new IOException("Dolibarr answered no id for the new " + what + " of " + ours);
            }
        } else {
            OutboundResponse updated = send(context, OutboundRequest.put(uri(context, resource + "/" + id), "application/json", body.toString()));
            check(updated, "updating " + what + " " + id);
        }
        OutboundResponse stored = send(context, OutboundRequest.get(uri(context, resource + "/" + id)));
        check(stored, "reading " + what + " " + id);
        return parse(stored);
    }

    private static ObjectNode thirdParty(CompanyData c) {
        ObjectNode t = JSON.createObjectNode();
        t.put("name", c.legalName());
        t.put("name_alias", nz(c.tradeName()));
        t.put("idprof1", nz(c.siren()));
        t.put("idprof2", nz(c.siret()));
        t.put("idprof3", nz(c.nafCode()));
        t.put("address", nz(c.addressLine1()));
        t.put("zip", nz(c.postalCode()));
        t.put("town", nz(c.city()));
        t.put("country_code", nz(c.country()));
        t.put("phone", nz(c.phone()));
        t.put("url", nz(c.website()));
        // 1 customer, 2 prospect: a partner is the federation's customer
        t.put("client", "PARTNER".equals(c.status()) || "FORMER_PARTNER".equals(c.status()) ? 1 : 2);
        return t;
    }

    private static ExternalCompany company(JsonNode t) throws IOException {
        String id = t.path("id").asText("");
        if (!id.matches("\\d+")) {
            throw new IOException("Dolibarr answered a third party without an id");
        }
        String address = text(t, "address");
        if (address != null) {
            address = address.lines().findFirst().orElse(address).strip();
        }
        return new ExternalCompany(id, text(t, "idprof1"),
                new CompanyEnrichment(text(t, "name"), text(t, "idprof3"), null, null, text(t, "idprof2"), address, text(t, "zip"),
                        text(t, "town")));
    }

    /** A Dolibarr contact (socpeople): {@code socid} is its third party; the professional phone first, else the mobile. */
    private static ContactBatch.ExternalContact contact(JsonNode c) throws IOException {
        String id = c.path("id").asText("");
        if (!id.matches("\\d+")) {
            throw new IOException("Dolibarr answered a contact without an id");
        }
        String phone = text(c, "phone_pro");
        String socid = text(c, "socid");
        if ("0".equals(socid)) {
            socid = null; // some versions say 0 for a contact at no third party
        }
        return new ContactBatch.ExternalContact(id, socid, text(c, "firstname"), text(c, "lastname"), text(c, "email"),
                phone != null ? phone : text(c, "phone_mobile"), !"0".equals(text(c, "statut")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static URI uri(PluginContext context, String path) {
        return URI.create(context.settings().text(DolibarrPlugin.BASE_URL).replaceAll("/+$", "") + path);
    }

    private static OutboundResponse send(PluginContext context, OutboundRequest request) throws IOException {
        return context.http().send(request
                .withTimeout(Duration.ofSeconds(Math.max(1, context.settings().integer(DolibarrPlugin.TIMEOUT_SECONDS))))
                .withHeader("DOLAPIKEY", context.settings().text(DolibarrPlugin.API_KEY))
                .withHeader("Accept", "application/json"));
    }

    /**
     * 5xx, 401, 403 and 429 are the system's trouble (retried); other 4xx refuse this record. The
     * message names the status, never the answer's text: that is whatever the server chose to say.
     */
    private static void check(OutboundResponse response, String doing) throws IOException {
        int status = response.status();
        if (response.successful()) {
            return;
        }
        if (status >= 500 || status == 401 || status == 403 || status == 429) {
            throw new IOException("Dolibarr answered " + response.statusLine() + " while " + doing);
        }
        throw new IllegalArgumentException("Dolibarr refused " + doing + ": " + response.statusLine());
    }

    /** Older Dolibarr versions answer an empty list with their own 404 ("No third parties found"), unlike a wrong address. */
    private static boolean emptyList(OutboundResponse response) {
        if (response.status() != 404) {
            return false;
        }
        try {
            return JSON.readTree(response.body()).path("error").path("code").asInt() == 404;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The answer as JSON; what is not JSON is named so, without quoting it (Jackson's message would). */
    private static JsonNode parse(OutboundResponse response) throws IOException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("Dolibarr answered something that is not JSON (" + response.statusLine() + ")");
        }
    }

    /**
     * Where a pull goes on from: records modified since {@code since} (epoch seconds), the page
     * to ask next, and the newest modification seen in this pass (the next pass's {@code since}).
     */
    record Cursor(long since, int page, long newest) {
        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return new Cursor(0, 0, 0);
            }
            long since = 0;
            int page = 0;
            long newest = 0;
            for (String part : text.split("&")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && kv[1].matches("\\d{1,18}")) {
                    switch (kv[0]) {
                        case "since" -> since = Long.parseLong(kv[1]);
                        case "page" -> page = Integer.parseInt(kv[1]);
                        case "newest" -> newest = Long.parseLong(kv[1]);
                        default -> { }
                    }
                }
            }
            return new Cursor(since, page, newest);
        }

        String text() {
            return page == 0 && newest == 0 ? "since=" + since : "since=" + since + "&page=" + page + "&newest=" + newest;
        }
    }
}
