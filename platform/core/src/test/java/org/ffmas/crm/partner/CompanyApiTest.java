package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.api.event.CompanyCreated;
import org.ffmas.crm.api.event.CompanyMerged;
import org.ffmas.crm.api.event.DomainEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The companies API, end to end on a real database. */
@Tag("database")
class CompanyApiTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static ApiClient api;
    static String staff;
    static String readOnly;
    static final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void tokens() {
        api = crm.client();
        String admin = crm.adminToken();
        staff = api.post("/api/tokens", admin, json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        readOnly = api.post("/api/tokens", admin, json("name", "ro", "role", "READ_ONLY")).json().path("secret").asText();
        crm.platform().events().subscribe(events::add);
    }

    private static JsonNode create(String body) {
        Answer a = api.post("/api/companies", staff, body);
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json();
    }

    private static JsonNode list(String query) {
        Answer a = api.get("/api/companies?" + query, readOnly);
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        return a.json();
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(c -> out.add(c.path("legalName").asText()));
        return out;
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aCompanyIsCreatedNormalisedAndLocated() {
        Answer a = api.post("/api/companies", staff, """
                {"legalName": "Société Générale", "tradeName": "SG", "siren": "552 120 222", "siret": "55212022200013",
                 "nafCode": "6419z", "legalForm": "SA", "sector": "PRIVATE", "sizeBracket": "GE", "workforceBracket": "53",
                 "address": {"line1": "29 boulevard Haussmann", "postalCode": "75009", "city": "Paris"},
                 "website": "www.societegenerale.fr", "phone": "01 42 14 20 00", "tags": ["Banque", "banque", " Mécène "],
                 "notes": "Premier contact au salon.\\nÀ relancer."}""");

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        JsonNode c = a.json();
        assertThat(a.header("Location")).endsWith("/api/companies/" + c.path("id").asLong());
        assertThat(c.path("siren").asText()).isEqualTo("552120222");
        assertThat(c.path("nafCode").asText()).isEqualTo("64.19Z");
        assertThat(c.path("address").path("country").asText()).isEqualTo("FR");
        assertThat(c.path("department").asText()).isEqualTo("75");
        assertThat(c.path("region").asText()).isEqualTo("11");
        assertThat(c.path("website").asText()).isEqualTo("https://www.societegenerale.fr");
        assertThat(c.path("phone").asText()).isEqualTo("+33142142000");
        assertThat(c.path("status").asText()).isEqualTo("PROSPECT");
        assertThat(c.path("tags").findValuesAsText("")).isEmpty();
        assertThat(c.path("tags").toString()).isEqualTo("[\"Banque\",\"Mécène\"]");
        assertThat(c.path("notes").asText()).contains("\n");
        assertThat(c.path("version").asLong()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e instanceof CompanyCreated).map(e -> ((CompanyCreated) e).companyId()))
                .as("published after commit").contains(c.path("id").asLong());
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceAndNothingIsWritten() {
        long before = list("size=1").path("total").asLong();

        Answer a = api.post("/api/companies", staff, """
                {"siren": "123456789", "siret": "12345678900000", "nafCode": "banque", "sector": "PUBLIC_SECTOR",
                 "address": {"postalCode": "99999", "country": "France"}, "phone": "123", "website": "pas un site",
                 "workforceBracket": "99", "tags": [""]}""");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("legalName", "siren", "siret",
                "nafCode", "sector", "address.country", "phone", "website", "workforceBracket", "tags");
        assertThat(list("size=1").path("total").asLong()).isEqualTo(before);
    }

    @Test
    void aSiretMustBelongToTheSirenAndAFrenchPostalCodeMustExist() {
        Answer a = api.post("/api/companies", staff, json("legalName", "Mismatch", "siren", "732829320", "siret", "55212022200021"));
        assertThat(a.json().path("errors").get(0).path("field").asText()).isEqualTo("siret");
        assertThat(a.json().path("errors").get(0).path("message").asText()).contains("732829320");

        Answer postal = api.post("/api/companies", staff, "{\"legalName\":\"X\",\"address\":{\"postalCode\":\"00100\"}}");
        assertThat(postal.json().path("errors").get(0).path("field").asText()).isEqualTo("address.postalCode");

        Answer abroad = api.post("/api/companies", staff, "{\"legalName\":\"Brussels Office\",\"address\":{\"postalCode\":\"1000\",\"country\":\"BE\"}}");
        assertThat(abroad.status()).as("Belgian postal codes are not French ones").isEqualTo(201);
        assertThat(abroad.json().path("department").isMissingNode() || abroad.json().path("department").isNull()).isTrue();
    }

    @Test
    void unknownAndReadOnlyFieldsAreRefused() {
        Answer unknown = api.post("/api/companies", staff, json("legalName", "Typo SA", "legal_name", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("legal_name");
        assertThat(unknown.json().path("errors").get(0).path("message").asText()).isEqualTo("unknown field");

        Answer readOnlyField = api.post("/api/companies", staff, json("legalName", "Typo SA", "department", "75"));
        assertThat(readOnlyField.json().path("errors").get(0).path("message").asText()).isEqualTo("is read-only");

        Answer nested = api.post("/api/companies", staff, "{\"legalName\":\"X\",\"address\":{\"zip\":\"75001\"}}");
        assertThat(nested.json().path("errors").get(0).path("field").asText()).isEqualTo("address.zip");
    }

    @Test
    void aSecondCompanyWithTheSameSirenOrSiretIsAConflictNamingTheFirst() {
        long first = create(json("legalName", "Alpha Conseil", "siren", "732829320")).path("id").asLong();

        Answer again = api.post("/api/companies", staff, json("legalName", "Alpha Conseil bis", "siren", "732 829 320"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("existingId").asLong()).isEqualTo(first);
        assertThat(again.json().path("detail").asText()).contains("Alpha Conseil").contains("732829320");

        long est = create(json("legalName", "Beta Lyon", "siret", "54206547900017")).path("id").asLong();
        Answer sameSiret = api.post("/api/companies", staff, json("legalName", "Beta Lyon 2", "siret", "54206547900017"));
        assertThat(sameSiret.status()).isEqualTo(409);
        assertThat(sameSiret.json().path("existingId").asLong()).isEqualTo(est);
        Answer otherEstablishment = api.post("/api/companies", staff, json("legalName", "Beta Marseille", "siret", "54206547900025"));
        assertThat(otherEstablishment.status()).as("another establishment of the same SIREN").isEqualTo(201);
    }

    @Test
    void changesNeedTheCurrentVersionAndAreAuditedBeforeAndAfter() {
        JsonNode c = create(json("legalName", "Gamma Services", "address", Map.of("postalCode", "69002", "city", "Lyon")));
        long id = c.path("id").asLong();

        Answer noVersion = api.call("PATCH", "/api/companies/" + id, staff, json("tradeName", "Gamma"));
        assertThat(noVersion.json().path("errors").get(0).path("field").asText()).isEqualTo("version");

        Answer ok = api.call("PATCH", "/api/companies/" + id, staff, json("version", 1, "tradeName", "Gamma", "status", "IN_DISCUSSION"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.json().path("version").asLong()).isEqualTo(2);
        assertThat(ok.json().path("address").path("city").asText()).as("untouched fields stay").isEqualTo("Lyon");

        Answer stale = api.call("PATCH", "/api/companies/" + id, staff, json("version", 1, "tradeName", "Old"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(2);

        JsonNode audit = api.get("/api/audit?entityType=company&entityId=" + id, crm.adminToken()).json();
        JsonNode update = audit.path("items").get(0);
        assertThat(update.path("action").asText()).isEqualTo("company.updated");
        assertThat(update.path("actorName").asText()).isEqualTo("token:staff");
        assertThat(update.path("details").asText()).contains("\"tradeName\":{\"from\":null,\"to\":\"Gamma\"}")
                .contains("\"status\":{\"from\":\"PROSPECT\",\"to\":\"IN_DISCUSSION\"}").doesNotContain("\"city\"");
        assertThat(audit.path("items").findValuesAsText("action")).contains("company.created");
    }

    @Test
    void readOnlyMayReadButNotWrite() {
        long id = create(json("legalName", "Delta Lecture")).path("id").asLong();
        assertThat(api.get("/api/companies/" + id, readOnly).status()).isEqualTo(200);
        assertThat(api.post("/api/companies", readOnly, json("legalName", "Nope")).status()).isEqualTo(403);
        assertThat(api.call("DELETE", "/api/companies/" + id, readOnly, null).status()).isEqualTo(403);
    }

    @Test
    void searchIgnoresCaseAccentsAndPunctuationAndFindsNumbersCitiesAndContacts() {
        long id = create(json("legalName", "Société d'Études Générales", "siren", "443061841",
                "address", Map.of("postalCode", "33000", "city", "Bordeaux"))).path("id").asLong();
        api.post("/api/companies/" + id + "/contacts", staff, json("firstName", "Hélène", "lastName", "Marchand-Dubois",
                "email", "helene.marchand@etudes-generales.fr"));

        assertThat(names(list(q("societe d etudes generales")))).contains("Société d'Études Générales");
        assertThat(names(list(q("ÉTUDES")))).contains("Société d'Études Générales");
        assertThat(names(list(q("443 061 841")))).containsExactly("Société d'Études Générales");
        assertThat(names(list(q("bordeaux etudes")))).containsExactly("Société d'Études Générales");
        assertThat(names(list(q("marchand")))).containsExactly("Société d'Études Générales");
        assertThat(names(list(q("helene.marchand@etudes-generales.fr")))).containsExactly("Société d'Études Générales");
        assertThat(names(list(q("d etu")))).as("short words match word starts").contains("Société d'Études Générales");
        assertThat(names(list(q("nulle part ailleurs")))).isEmpty();
    }

    @Test
    void filtersCombineAndPaginationIsStable() {
        for (int i = 0; i < 7; i++) {
            create(json("legalName", "Epsilon " + (char) ('A' + i), "tags", List.of(i % 2 == 0 ? "pair" : "impair"),
                    "sector", i < 4 ? "ASSOCIATION" : "PUBLIC", "address", Map.of("postalCode", i < 5 ? "35000" : "13001")));
        }
        assertThat(names(list(q("epsilon") + "&tag=pair&sector=ASSOCIATION"))).containsExactly("Epsilon A", "Epsilon C");
        assertThat(names(list(q("epsilon") + "&department=13"))).containsExactly("Epsilon F", "Epsilon G");
        assertThat(names(list(q("epsilon") + "&region=53&sort=-name"))).containsExactly("Epsilon E", "Epsilon D", "Epsilon C",
                "Epsilon B", "Epsilon A");

        List<String> pages = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonNode page = list(q("epsilon") + "&size=3&page=" + p);
            assertThat(page.path("total").asLong()).isEqualTo(7);
            pages.addAll(names(page));
        }
        assertThat(pages).containsExactly("Epsilon A", "Epsilon B", "Epsilon C", "Epsilon D", "Epsilon E", "Epsilon F", "Epsilon G");

        Answer bad = api.get("/api/companies?status=SLEEPING&department=100&sort=size&size=0", readOnly);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("status", "department", "sort", "size");
    }

    @Test
    void archivingKeepsTheCompanyButTakesItOutOfLists() {
        long id = create(json("legalName", "Zeta Archivée")).path("id").asLong();

        Answer archived = api.call("DELETE", "/api/companies/" + id, staff, null);
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().path("status").asText()).isEqualTo("ARCHIVED");
        assertThat(names(list(q("zeta")))).isEmpty();
        assertThat(names(list(q("zeta") + "&status=ARCHIVED"))).containsExactly("Zeta Archivée");
        assertThat(api.get("/api/companies/" + id, readOnly).status()).isEqualTo(200);
        assertThat(api.get("/api/companies/" + id + "/timeline", readOnly).json().path("items").findValuesAsText("systemEvent"))
                .containsExactly("company.archived", "company.created");
    }

    @Test
    void duplicatesAreProposedAndMergedInOneGo() {
        long target = create(json("legalName", "Dupont et Fils SARL", "phone", "0142685300",
                "address", Map.of("postalCode", "44000", "city", "Nantes"), "tags", List.of("client"))).path("id").asLong();
        long source = create(json("legalName", "DUPONT & FILS", "phone", "0240000000", "website", "dupont-fils.fr",
                "address", Map.of("postalCode", "44000"), "tags", List.of("salon 2026"))).path("id").asLong();
        long contact = api.post("/api/companies/" + source + "/contacts", staff, json("lastName", "Dupont", "email", "jean@dupont-fils.fr"))
                .json().path("id").asLong();
        api.post("/api/companies/" + source + "/activities", staff, json("kind", "CALL", "text", "Appel de présentation"));

        JsonNode dups = api.get("/api/companies/" + target + "/duplicates", readOnly).json().path("items");
        assertThat(dups.get(0).path("company").path("id").asLong()).isEqualTo(source);
        assertThat(dups.get(0).path("score").asDouble()).isGreaterThan(0.3);
        assertThat(dups.get(0).path("reasons").toString()).contains("same name").contains("same postal code");

        Answer merged = api.post("/api/companies/" + target + "/merge", staff, json("sourceId", source, "takeFromSource", List.of("phone")));
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        assertThat(merged.json().path("phone").asText()).as("taken from the source on request").isEqualTo("+33240000000");
        assertThat(merged.json().path("website").asText()).as("empty on the target: filled").isEqualTo("https://dupont-fils.fr");
        assertThat(merged.json().path("legalName").asText()).as("conflict: the target's stays").isEqualTo("Dupont et Fils SARL");
        assertThat(merged.json().path("tags").toString()).contains("client").contains("salon 2026");
        assertThat(api.get("/api/contacts/" + contact, readOnly).json().path("companyId").asLong()).isEqualTo(target);
        assertThat(api.get("/api/companies/" + target + "/timeline", readOnly).json().path("items").findValuesAsText("text"))
                .contains("Appel de présentation");

        Answer gone = api.get("/api/companies/" + source, readOnly);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("mergedInto").asLong()).isEqualTo(target);
        assertThat(api.get("/api/audit?action=company.merged&entityId=" + target, crm.adminToken()).json().path("total").asLong()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e instanceof CompanyMerged).map(e -> (CompanyMerged) e))
                .anySatisfy(e -> {
                    assertThat(e.targetId()).isEqualTo(target);
                    assertThat(e.sourceId()).isEqualTo(source);
                });

        Answer again = api.post("/api/companies/" + target + "/merge", staff, json("sourceId", source));
        assertThat(again.status()).as("a merged company cannot be merged twice").isEqualTo(400);
        assertThat(api.post("/api/companies/" + target + "/merge", staff, json("sourceId", target)).status()).isEqualTo(400);
    }

    @Test
    void theTimelineShowsStaffEntriesAndSystemEventsNewestFirst() {
        long id = create(json("legalName", "Eta Formation")).path("id").asLong();
        long contact = api.post("/api/companies/" + id + "/contacts", staff, json("lastName", "Roux")).json().path("id").asLong();
        Answer note = api.post("/api/companies/" + id + "/activities", staff, json("kind", "MEETING", "text", "Rendez-vous au siège",
                "contactId", contact));
        assertThat(note.status()).isEqualTo(201);
        Answer task = api.post("/api/companies/" + id + "/activities", staff, json("kind", "TASK", "text", "Envoyer la convention",
                "dueAt", "2026-12-15T09:00:00Z"));
        assertThat(task.json().path("dueAt").asText()).isEqualTo("2026-12-15T09:00:00Z");

        JsonNode timeline = api.get("/api/companies/" + id + "/timeline", readOnly).json();
        assertThat(timeline.path("items").findValuesAsText("kind")).containsExactly("TASK", "MEETING", "SYSTEM", "SYSTEM");
        assertThat(timeline.path("items").findValuesAsText("systemEvent")).containsExactly("contact.created", "company.created");

        Answer bad = api.post("/api/companies/" + id + "/activities", staff, json("kind", "SYSTEM", "dueAt", "demain"));
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("kind", "text", "dueAt");

        JsonNode overview = api.get("/api/companies/" + id + "/overview", readOnly).json();
        assertThat(overview.path("company").path("legalName").asText()).isEqualTo("Eta Formation");
        assertThat(overview.path("contacts").size()).isEqualTo(1);
        assertThat(overview.path("timeline").size()).isEqualTo(4);
    }

    @Test
    void theCsvExportOpensInFrenchExcelAndNeutralisesFormulas() {
        create(json("legalName", "=HYPERLINK(\"http://evil.example\")", "tradeName", "Export; Test", "phone", "0142685300",
                "tags", List.of("export")));

        Answer csv = api.get("/api/companies/export.csv?tag=export", readOnly);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"entreprises-");
        String body = csv.raw().body();
        assertThat(body).startsWith("\uFEFFId;Raison sociale;Nom commercial;SIREN");
        String[] lines = body.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(";\"'=HYPERLINK(\"\"http://evil.example\"\")\";").contains(";\"Export; Test\";").contains(";'+33142685300;");
    }
}
