package org.ffmas.crm.imports;

import static org.ffmas.crm.ApiClient.json;

import java.io.BufferedWriter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.partner.SearchText;
import org.ffmas.crm.testkit.LiveHeap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a test: imports N companies from a CSV through the API (validation, dedupe, audit), then
 * loads the same rows with MariaDB's own {@code LOAD DATA LOCAL INFILE} into the same table, and
 * prints both rates. {@code mvn -pl platform/api,platform/core test -Dtest=ImportBenchmark
 * -Dcrm.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false [-Dcrm.bench.rows=100000]}
 */
@Tag("benchmark")
class ImportBenchmark {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    private static final String[] CITIES = {"75008;Paris", "69002;Lyon", "13001;Marseille", "31000;Toulouse", "33000;Bordeaux"};

    static String siren(int i) {
        String base = String.format("%08d", 10_000_000 + i);
        for (int d = 0; d < 10; d++) {
            if (luhn(base + d)) {
                return base + d;
            }
        }
        throw new IllegalStateException();
    }

    static boolean luhn(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(s.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    @Test
    void importRateAgainstLoadData() throws Exception {
        int rows = Integer.getInteger("crm.bench.rows", 100_000);
        int warmUp = Integer.getInteger("crm.bench.warmUpRows", 20_000);
        Path dir = Files.createTempDirectory("import-bench");
        Path csv = dir.resolve("companies.csv");
        Path first = dir.resolve("warm-up.csv");
        Path tsv = dir.resolve("companies.tsv");
        String now = LocalDateTime.now().toString().replace('T', ' ');
        try (BufferedWriter c = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); BufferedWriter t = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(first, StandardCharsets.UTF_8)) {
            c.write("Raison sociale;SIREN;Code postal;Ville\r\n");
            w.write("Raison sociale;SIREN;Code postal;Ville\r\n");
            for (int i = 0; i < rows; i++) {
                String name = "Entreprise Banc d'Essai " + i;
                String[] city = CITIES[i % CITIES.length].split(";");
                c.write(name + ";" + siren(i) + ";" + city[0] + ";" + city[1] + "\r\n");
                t.write(name + "\t" + siren(i + rows) + "\t" + city[0] + "\t" + city[1] + "\tFR\t" + city[0].substring(0, 2) + "\tPROSPECT\t"
                        + SearchText.normalize(name + " " + city[1]) + "\t" + SearchText.nameKey(name) + "\t" + now + "\t" + now + "\n");
                if (i < warmUp) {
                    w.write("Premier import " + i + ";" + siren(i + 2 * rows) + ";" + city[0] + ";" + city[1] + "\r\n");
                }
            }
        }
        ApiClient api = crm.client();
        String token = api.post("/api/tokens", crm.adminToken(), json("name", "bench", "role", "STAFF")).json().path("secret").asText();

        // a platform that has run for a while has its code compiled: a first import of other rows
        // warms it up (its rate is printed too), the second one is measured against LOAD DATA
        Imported cold = importFile(api, token, first, warmUp, new LiveHeap());
        LiveHeap heap = new LiveHeap();
        Imported measured = importFile(api, token, csv, rows, heap);
        double importSeconds = measured.seconds();
        var report = measured.report();

        long t1 = System.nanoTime();
        try (Connection conn = DriverManager.getConnection(crm.database().url() + "?allowLocalInfile=true", crm.database().user(),
                crm.database().password()); Statement st = conn.createStatement()) {
            st.execute("LOAD DATA LOCAL INFILE '" + tsv.toString().replace("\\", "/") + "' INTO TABLE company CHARACTER SET utf8mb4 "
                    + "FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (legal_name, siren, postal_code, city, country, department, status, "
                    + "search_text, name_key, created_at, updated_at)");
        }
        double loadSeconds = (System.nanoTime() - t1) / 1e9;

        System.out.printf("%n| path | rows | seconds | rows/s |%n|---|---:|---:|---:|%n");
        System.out.printf("| CSV import, first one after start (warm-up) | %d | %.1f | %.0f |%n", warmUp, cold.seconds(), warmUp / cold.seconds());
        System.out.printf("| CSV import (API, validation, dedupe, audit) | %d | %.1f | %.0f |%n", rows, importSeconds, rows / importSeconds);
        System.out.printf("| LOAD DATA LOCAL INFILE (physical limit) | %d | %.1f | %.0f |%n", rows, loadSeconds, rows / loadSeconds);
        System.out.printf("ratio: %.3f   live heap while importing at most %d MB above the start   report: %s%n",
                (rows / importSeconds) / (rows / loadSeconds), heap.maxAboveBaselineMb(), report);
    }

    private record Imported(double seconds, com.fasterxml.jackson.databind.JsonNode report) {}

    private static Imported importFile(ApiClient api, String token, Path csv, int rows, LiveHeap heap) throws Exception {
        long t0 = System.nanoTime();
        long id = api.send(api.request("/api/imports?entity=companies&fileName=" + csv.getFileName()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv))).json().path("id").asLong();
        String status;
        do {
            Thread.sleep(200);
            heap.sample();
            status = api.get("/api/imports/" + id, token).json().path("status").asText();
        } while (!status.equals("DONE") && !status.equals("FAILED"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        var report = api.get("/api/imports/" + id, token).json();
        if (report.path("created").asInt() != rows) {
            throw new AssertionError("the import did not create the " + rows + " companies: " + report);
        }
        return new Imported(seconds, report);
    }
}
