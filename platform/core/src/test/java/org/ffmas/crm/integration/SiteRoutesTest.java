package org.ffmas.crm.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The site's YAML routes: the shipped export loads, runs and writes its files; a malformed file is reported by name. */
@Tag("database")
class SiteRoutesTest {

    static final Path SHIPPED = Path.of("..", "..", "config", "routes", "accounting-export.yaml");

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withRoutesDir(routes());

    private static Path routes() {
        try {
            Path dir = Files.createTempDirectory("crm-routes");
            String shipped = Files.readString(SHIPPED);
            Files.writeString(dir.resolve("accounting-export.yaml"), shipped);
            // the same steps, started on demand instead of at night
            String now = shipped.replace("nightly-accounting-export\n    from:", "export-now\n    from:")
                    .replace("uri: \"timer:nightly-accounting-export\"", "uri: \"direct:export-now\"")
                    .replace("      parameters:\n        delay: \"{{crm.nightly.delay}}\"\n        period: 86400000\n", "");
            Files.writeString(dir.resolve("export-now.yaml"), now);
            Files.writeString(dir.resolve("broken.yaml"), "- route:\n    from:\n      uri: \"timer:x\"\n      steps:\n        - to: [unclosed\n");
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theShippedExportIsLoadedAndAMalformedFileIsReportedByName() {
        ApiClient api = crm.client();
        JsonNode routes = api.get("/api/integration/routes", crm.adminToken()).json();
        assertThat(routes.path("items").findValuesAsText("id")).contains("nightly-accounting-export", "export-now");
        for (JsonNode r : routes.path("items")) {
            if (r.path("id").asText().equals("nightly-accounting-export")) {
                assertThat(r.path("owner").asText()).isEqualTo("routes:accounting-export.yaml");
            }
        }
        assertThat(routes.path("failedFiles").has("broken.yaml")).isTrue();
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void theExportWritesPartnersAndInstalmentsDueForTheAccountingOffice() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        long company = api.post("/api/companies", admin, json("legalName", "Partenaire Actif SA")).json().path("id").asLong();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
        long agreement = api.post("/api/agreements", admin, json("companyId", company, "kind", "PARTENARIAT", "title", "Partenariat 2026",
                "amountCents", 100_000, "startDate", today, "endDate", java.time.LocalDate.parse(today).plusYears(1).toString(),
                "instalments", java.util.List.of(java.util.Map.of("dueDate", java.time.LocalDate.parse(today).plusDays(10).toString(),
                        "amountCents", 100_000)))).json().path("id").asLong();
        api.post("/api/agreements/" + agreement + "/transitions", admin, json("to", "SENT"));
        api.post("/api/agreements/" + agreement + "/transitions", admin, json("to", "SIGNED"));

        var producer = crm.platform().camel().context().createProducerTemplate();
        producer.sendBody("direct:export-now", null);
        producer.stop();

        Path outbox = crm.dataDir().resolve("outbox/exports");
        String partners;
        String dues;
        try (Stream<Path> files = Files.list(outbox)) {
            var all = files.toList();
            partners = Files.readString(all.stream().filter(f -> f.getFileName().toString().startsWith("partenaires-actifs-")).findFirst().orElseThrow(),
                    StandardCharsets.UTF_8);
            dues = Files.readString(all.stream().filter(f -> f.getFileName().toString().startsWith("echeances-")).findFirst().orElseThrow(),
                    StandardCharsets.UTF_8);
        }
        assertThat(partners).startsWith("\uFEFFId;Raison sociale").contains("Partenaire Actif SA");
        assertThat(dues).contains("Partenariat 2026").contains("1000,00");
    }
}
