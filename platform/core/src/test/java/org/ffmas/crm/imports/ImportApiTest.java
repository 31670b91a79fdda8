package org.ffmas.crm.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CSV imports as real files come: Excel for France, UTF-8 with BOM, commas, tabs; uploads and the inbox. */
@Tag("database")
class ImportApiTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static ApiClient api;
    static String staff;

    @BeforeAll
    static void token() {
        api = crm.client();
        staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
    }

    static long upload(String entity, byte[] csv, String fileName) {
        return Uploads.upload(api, staff, entity, csv, fileName);
    }

    static JsonNode finished(long id) throws InterruptedException {
        return Uploads.finished(api, staff, id);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Uploads.await(condition);
    }

    static final String EXCEL_FRANCE = String.join("\r\n",
            "Raison sociale;SIREN;Adresse;Code postal;Ville;Téléphone;Site web;Etiquettes",
            "Société Générale des Études;732829320;12 rue de l'Église;75009;Paris;01 42 14 20 00;www.etudes.fr;mécène, salon",
            "Café des Assistantes;;3 quai Saint-Antoine;69002;Lyon;;;",
            "Mauvais Numéro;123456789;;75001;Paris;;;",
            "Bourgogne Secrétariat;542065479;;21000;Dijon;03 80 00 00 00;;");

    @Test
    void anExcelForFranceFileIsImportedAndImportingItAgainChangesNothing() throws Exception {
        byte[] cp1252 = EXCEL_FRANCE.getBytes(Charset.forName("windows-1252"));

        JsonNode first = finished(upload("companies", cp1252, "partenaires.csv"));
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("DONE");
        assertThat(first.path("rowsRead").asInt()).isEqualTo(4);
        assertThat(first.path("created").asInt()).isEqualTo(3);
        assertThat(first.path("rejected").asInt()).isEqualTo(1);
        assertThat(first.path("errors").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(first.path("errors").get(0).path("field").asText()).isEqualTo("siren");

        JsonNode company = api.get("/api/companies?q=732829320", staff).json().path("items").get(0);
        assertThat(company.path("legalName").asText()).isEqualTo("Société Générale des Études");
        assertThat(company.path("address").path("line1").asText()).isEqualTo("12 rue de l'Église");
        assertThat(company.path("phone").asText()).isEqualTo("+33142142000");
        assertThat(company.path("tags").toString()).contains("mécène", "salon");
        JsonNode audit = api.get("/api/audit?entityType=company&entityId=" + company.path("id").asLong(), crm.adminToken()).json();
        assertThat(audit.path("items").get(0).path("actorName").asText()).isEqualTo("import:" + first.path("id").asLong());
        // the audit keeps the company exactly as it was stored
        JsonNode stored = api.get("/api/companies/" + company.path("id").asLong(), staff).json();
        JsonNode after = new com.fasterxml.jackson.databind.ObjectMapper().readTree(audit.path("items").get(0).path("details").asText())
                .path("after");
        assertThat(after.size()).isGreaterThan(5);
        after.fields().forEachRemaining(f -> assertThat(withoutNulls(f.getValue())).as(f.getKey()).isEqualTo(withoutNulls(stored.get(f.getKey()))));

        JsonNode again = finished(upload("companies", cp1252, "partenaires.csv"));
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("updated").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).as(again.toString()).isEqualTo(3);
        assertThat(again.path("rejected").asInt()).isEqualTo(1);

        Answer rejected = api.get("/api/imports/" + first.path("id").asLong() + "/rejected.csv", staff);
        assertThat(rejected.raw().body()).startsWith("\uFEFFRaison sociale;SIREN;");
        assertThat(rejected.raw().body()).contains("Mauvais Numéro;123456789").contains("Motif du rejet").contains("ligne 4 : siren");
        assertThat(rejected.raw().body()).doesNotContain("Café des Assistantes");
    }

    @Test
    void aChangedRowUpdatesOnlyWhatItSays() throws Exception {
        String v1 = "Legal name,SIREN,Postal code,City\r\nAtelier Bureautique,552120222,44000,Nantes\r\n";
        String v2 = "\uFEFFLegal name,SIREN,Postal code,City,Website\r\nAtelier Bureautique,552120222,44000,Nantes,atelier.fr\r\n";
        finished(upload("companies", v1.getBytes(StandardCharsets.UTF_8), "v1.csv"));
        JsonNode second = finished(upload("companies", v2.getBytes(StandardCharsets.UTF_8), "v2.csv"));
        assertThat(second.path("updated").asInt()).as(second.toString()).isEqualTo(1);
        JsonNode c = api.get("/api/companies?q=552120222", staff).json().path("items").get(0);
        assertThat(c.path("website").asText()).isEqualTo("https://atelier.fr");
        assertThat(c.path("address").path("city").asText()).isEqualTo("Nantes");
    }

    @Test
    void aCompanyNamedTwiceInOneFileIsCreatedOnceAndTheLaterRowWins() throws Exception {
        String csv = "Raison sociale;SIREN;Code postal;Ville;Site web\r\n"
                + "Secrétariat du Port;443061841;13002;Marseille;\r\n"
                + "Bureau Sans Numéro;;69001;Lyon;\r\n"
                + "Secrétariat du Port;443061841;13002;Marseille;port-secretariat.fr\r\n"
                + "Bureau sans numéro;;69001;Lyon;bureau-lyon.fr\r\n"
                + "Ligne fausse;12345;99999;Nulle part;\r\n";
        JsonNode report = finished(upload("companies", csv.getBytes(StandardCharsets.UTF_8), "doubles.csv"));
        assertThat(report.path("created").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("updated").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(1);
        assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(6);
        JsonNode port = api.get("/api/companies?q=443061841", staff).json().path("items");
        assertThat(port).hasSize(1);
        assertThat(port.get(0).path("website").asText()).isEqualTo("https://port-secretariat.fr");
        assertThat(api.get("/api/companies?q=bureau%20sans%20numero", staff).json().path("items")).hasSize(1);
        JsonNode audit = api.get("/api/audit?entityType=company&entityId=" + port.get(0).path("id").asLong(), crm.adminToken()).json();
        assertThat(audit.toString()).contains("company.created").contains("company.updated").contains("import:");
    }

    @Test
    void aFileOfManyChunksFindsAgainWhatItsEarlierChunksCreatedAndKeepsOddCharacters() throws Exception {
        // chunks are stored side by side: a company repeated chunks later must still be found, not created twice
        StringBuilder csv = new StringBuilder("Raison sociale;SIREN;Adresse;Code postal;Ville;Site web\r\n");
        int rows = 3_500;
        for (int i = 0; i < rows; i++) {
            csv.append("Cabinet Volume ").append(i).append(';').append(ImportBenchmark.siren(500_000 + i)).append(";;75011;Paris;\r\n");
            // the next chunk names again what the one still being stored names
            if (i == 1_100) {
                csv.append("Cabinet Volume 7;").append(ImportBenchmark.siren(500_007)).append(";;75011;Paris;cabinet-7.fr\r\n");
            }
            if (i == 1_500) {
                csv.append("Cabinet Sans Numéro;;;33000;Bordeaux;\r\n");
            }
            if (i == 2_100) {
                csv.append("Cabinet sans numéro;;;33000;Bordeaux;sans-numero.fr\r\n");
            }
        }
        csv.append("\"Atelier \\N \"\"Guillemets\"\" \\ Barre ☕\";").append(ImportBenchmark.siren(600_000)).append(";\"2 rue du Port; Bâtiment B\";13002;Marseille;\r\n");
        JsonNode report = finished(upload("companies", csv.toString().getBytes(StandardCharsets.UTF_8), "volume.csv"));
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.path("rowsRead").asInt()).isEqualTo(rows + 4);
        assertThat(report.path("created").asInt()).as(report.toString()).isEqualTo(rows + 2);
        assertThat(report.path("updated").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isZero();

        JsonNode seven = api.get("/api/companies?q=" + ImportBenchmark.siren(500_007), staff).json().path("items");
        assertThat(seven).hasSize(1);
        assertThat(seven.get(0).path("website").asText()).isEqualTo("https://cabinet-7.fr");
        JsonNode unnumbered = api.get("/api/companies?q=cabinet%20sans%20numero", staff).json().path("items");
        assertThat(unnumbered).hasSize(1);
        assertThat(unnumbered.get(0).path("website").asText()).isEqualTo("https://sans-numero.fr");
        JsonNode odd = api.get("/api/companies?q=" + ImportBenchmark.siren(600_000), staff).json().path("items").get(0);
        JsonNode stored = api.get("/api/companies/" + odd.path("id").asLong(), staff).json();
        assertThat(stored.path("legalName").asText()).isEqualTo("Atelier \\N \"Guillemets\" \\ Barre ☕");
        assertThat(stored.path("address").path("line1").asText()).isEqualTo("2 rue du Port; Bâtiment B");
        assertThat(api.get("/api/companies/" + odd.path("id").asLong() + "/timeline", staff).json().path("items").findValuesAsText("systemEvent"))
                .contains("company.created");
    }

    @Test
    void contactsFindTheirCompanyBySirenOrName() throws Exception {
        finished(upload("companies", "Raison sociale\tSIREN\tCode postal\nPlume Conseil\t443061841\t33000\n".getBytes(StandardCharsets.UTF_8),
                "tab.csv"));
        String contacts = String.join("\n",
                "Civilité;Prénom;Nom;Courriel;Fonction;SIREN;Entreprise",
                "Mme;Hélène;Roux;helene.roux@plume.fr;Assistante de direction;443061841;",
                "M.;Paul;Blanc;paul.blanc@plume.fr;DRH;;Plume Conseil",
                "Mme;Inès;Nulle;ines@nulle.fr;;999999999;",
                "Mme;Zoé;Sansmail;;Chargée de mission;443061841;");
        JsonNode run = finished(upload("contacts", contacts.getBytes(StandardCharsets.UTF_8), "contacts.csv"));
        assertThat(run.path("created").asInt()).as(run.toString()).isEqualTo(3);
        assertThat(run.path("rejected").asInt()).isEqualTo(1);
        assertThat(run.path("errors").get(0).path("field").asText()).isEqualTo("company");

        JsonNode list = api.get("/api/contacts?q=plume", staff).json().path("items");
        assertThat(list.findValuesAsText("function")).contains("ASSISTANT", "HR");
        assertThat(list.findValuesAsText("civility")).contains("MME", "M");

        JsonNode again = finished(upload("contacts", contacts.getBytes(StandardCharsets.UTF_8), "contacts.csv"));
        assertThat(again.path("unchanged").asInt()).as("the contact without e-mail is found by name").isEqualTo(3);
    }

    @Test
    void aFileWithoutARecognisableHeaderOrNotTextIsRefused() throws Exception {
        JsonNode noHeader = finished(upload("companies", "foo;bar\n1;2\n".getBytes(StandardCharsets.UTF_8), "x.csv"));
        assertThat(noHeader.path("status").asText()).isEqualTo("FAILED");
        assertThat(noHeader.path("failure").asText()).contains("Raison sociale");

        byte[] utf16 = "Raison sociale;SIREN\nX;1\n".getBytes(StandardCharsets.UTF_16LE);
        JsonNode binary = finished(upload("companies", utf16, "utf16.csv"));
        assertThat(binary.path("status").asText()).isEqualTo("FAILED");
        assertThat(binary.path("failure").asText()).contains("not text");

        Answer badEntity = api.send(api.request("/api/imports?entity=agreements").header("Authorization", "Bearer " + staff)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a;b")));
        assertThat(badEntity.status()).isEqualTo(400);
    }

    @Test
    void filesDroppedInTheInboxAreImportedThenMoved() throws Exception {
        Path inbox = crm.dataDir().resolve("inbox/companies");
        await(() -> Files.isDirectory(inbox));
        Files.write(inbox.resolve("depot.csv"), "Raison sociale;Code postal\nDépôt Direct;13001\n".getBytes(Charset.forName("windows-1252")));
        Files.write(inbox.resolve("binaire.csv"), new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2});

        await(() -> exists(inbox.resolve("done"), "depot.csv") && exists(inbox.resolve("failed"), "binaire.csv"));
        assertThat(api.get("/api/companies?q=depot+direct", staff).json().path("total").asLong()).isEqualTo(1);
        JsonNode runs = api.get("/api/imports", staff).json().path("items");
        assertThat(runs.findValuesAsText("source")).contains("inbox");
        assertThat(runs.findValuesAsText("fileName")).contains("depot.csv", "binaire.csv");
    }

    private static boolean exists(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A JSON value with its null fields left out, at every depth (the API omits them, the audit keeps them). */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node != null && node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
            java.util.List<String> nulls = new java.util.ArrayList<>();
            copy.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    copy.set(f.getKey(), withoutNulls(f.getValue()));
                }
            });
            copy.remove(nulls);
            return copy;
        }
        return node;
    }
}
