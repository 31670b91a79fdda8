package org.ffmas.crm.plugins.sirene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.testkit.PluginJarBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sirene plugin, built from this module's classes, in a real platform, against a local
 * server answering like the API Recherche d'entreprises ({@code GET /search?q=...}).
 */
class SirenePluginTest {

    static Path pluginsDir;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginsDir = pluginUnderTest())
            // the fake service is on this machine: allowed, as an administrator would allow one on the local network
            .withHttp(new PlatformSettings.HttpSettings("127.0.0.1", 0).withOutboundAllowlist(List.of("127.0.0.1")));

    static HttpServer registry;
    static final List<Long> calls = new CopyOnWriteArrayList<>();
    static final AtomicInteger tooMany = new AtomicInteger();
    static ApiClient api;
    static String staff;

    private static Path pluginUnderTest() {
        try {
            return PluginJarBuilder.packClasses(Path.of("target", "classes"), Files.createTempDirectory("sirene-plugin"), "sirene.jar").getParent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shape of the API's documented answer for one legal unit. */
    static String answer(String siren) {
        if (siren.equals("542065479") || siren.equals("732829320")) {
            return "{\"results\":[],\"total_results\":0,\"page\":1,\"per_page\":1,\"total_pages\":0}";
        }
        String siret = siren.equals("443061841") ? "44306184100047" : null;
        return """
                {"results":[{"siren":"%s","nom_complet":"ATELIER DU SECRETARIAT (ADS)","nom_raison_sociale":"ATELIER DU SECRETARIAT",
                  "nature_juridique":"5710","activite_principale":"82.11Z","tranche_effectif_salarie":"12","etat_administratif":"A",
                  "nombre_etablissements":2,"nombre_etablissements_ouverts":1,
                  "siege":{"siret":%s,"numero_voie":"8","type_voie":"RUE","libelle_voie":"DE LONDRES","code_postal":"75009",
                    "commune":"75109","libelle_commune":"PARIS","adresse":"8 RUE DE LONDRES 75009 PARIS","activite_principale":"82.11Z",
                    "est_siege":true,"tranche_effectif_salarie":"12"},
                  "matching_etablissements":[]}],
                 "total_results":1,"page":1,"per_page":1,"total_pages":1}""".formatted(siren, siret == null ? "null" : "\"" + siret + "\"");
    }

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/search", exchange -> {
            calls.add(System.nanoTime());
            String q = exchange.getRequestURI().getQuery().replaceAll(".*q=([0-9]+).*", "$1");
            if (tooMany.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            byte[] body = answer(q).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        api = crm.client();
        String admin = crm.adminToken();
        staff = api.post("/api/tokens", admin, json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        Answer set = api.call("PUT", "/api/plugins/sirene/settings", admin,
                json("baseUrl", "http://127.0.0.1:" + registry.getAddress().getPort(), "requestsPerSecond", 5));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    }

    @AfterAll
    static void stopRegistry() {
        registry.stop(0);
    }

    static long company(String siren) {
        return api.post("/api/companies", staff, json("legalName", "À compléter " + siren, "siren", siren)).json().path("id").asLong();
    }

    static String siren(int i) {
        String base = String.format("%08d", 20_000_000 + i);
        for (int d = 0; d < 10; d++) {
            String s = base + d;
            int sum = 0;
            for (int k = 0; k < 9; k++) {
                int digit = s.charAt(8 - k) - '0';
                sum += k % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
            }
            if (sum % 10 == 0) {
                return s;
            }
        }
        throw new IllegalStateException();
    }

    @Test
    void enrichFillsTheCompanyFromTheRegistryAndRemembersTheAnswer() {
        long id = company("443061841");
        int before = calls.size();

        Answer enriched = api.post("/api/companies/" + id + "/enrich", staff, null);

        assertThat(enriched.status()).as(enriched.raw().body()).isEqualTo(200);
        JsonNode c = enriched.json();
        assertThat(c.path("legalName").asText()).isEqualTo("ATELIER DU SECRETARIAT");
        assertThat(c.path("nafCode").asText()).isEqualTo("82.11Z");
        assertThat(c.path("legalForm").asText()).isEqualTo("SAS");
        assertThat(c.path("workforceBracket").asText()).isEqualTo("12");
        assertThat(c.path("siret").asText()).isEqualTo("44306184100047");
        assertThat(c.path("address").path("line1").asText()).isEqualTo("8 RUE DE LONDRES");
        assertThat(c.path("address").path("postalCode").asText()).isEqualTo("75009");
        assertThat(c.path("department").asText()).isEqualTo("75");
        assertThat(api.get("/api/audit?entityType=company&entityId=" + id, crm.adminToken()).json().path("items").get(0)
                .path("action").asText()).isEqualTo("company.updated");

        long version = c.path("version").asLong();
        assertThat(api.post("/api/companies/" + id + "/enrich", staff, null).json().path("version").asLong()).isEqualTo(version);
        assertThat(calls.size() - before).as("the second answer came from the cache").isEqualTo(1);
    }

    @Test
    void aSirenTheRegistryDoesNotKnowIsSaidSo() {
        Answer unknown = api.post("/api/companies/" + company("542065479") + "/enrich", staff, null);
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.json().path("detail").asText()).contains("542065479");
        long noSiren = api.post("/api/companies", staff, json("legalName", "Sans SIREN")).json().path("id").asLong();
        assertThat(api.post("/api/companies/" + noSiren + "/enrich", staff, null).status()).isEqualTo(400);
    }

    @Test
    void callsKeepToTheRateLimitAndA429IsWaitedOut() {
        int before = calls.size();
        for (int i = 0; i < 6; i++) {
            assertThat(api.post("/api/companies/" + company(siren(i)) + "/enrich", staff, null).status()).isEqualTo(200);
        }
        List<Long> mine = calls.subList(before, calls.size());
        // 5 intervals of 200 ms; without the limiter the 6 calls took about 300 ms
        assertThat((mine.get(5) - mine.get(0)) / 1_000_000).as("6 calls at 5 per second take about a second").isGreaterThanOrEqualTo(900);

        tooMany.set(1);
        long t0 = System.nanoTime();
        assertThat(api.post("/api/companies/" + company(siren(50)) + "/enrich", staff, null).status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void anImportCanFillItsCompaniesFromTheRegistry() throws Exception {
        String csv = "Raison sociale;SIREN\nÀ enrichir à l'import;" + siren(90) + "\nInconnue au registre;732829320\n";
        Answer queued = api.send(api.request("/api/imports?entity=companies&enrich=true&fileName=registre.csv")
                .header("Authorization", "Bearer " + staff).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
        assertThat(queued.status()).as(queued.raw().body()).isEqualTo(202);
        long id = queued.json().path("id").asLong();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!api.get("/api/imports/" + id, staff).json().path("status").asText().equals("DONE") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        JsonNode run = api.get("/api/imports/" + id, staff).json();
        assertThat(run.path("created").asInt()).as(run.toString()).isEqualTo(2);
        JsonNode enriched = api.get("/api/companies?q=" + siren(90), staff).json().path("items").get(0);
        assertThat(enriched.path("nafCode").asText()).isEqualTo("82.11Z");
        assertThat(enriched.path("legalName").asText()).isEqualTo("ATELIER DU SECRETARIAT");
        JsonNode unknown = api.get("/api/companies?q=732829320", staff).json().path("items").get(0);
        assertThat(unknown.path("legalName").asText()).as("a company the registry does not know stays as imported")
                .isEqualTo("Inconnue au registre");
    }
}
