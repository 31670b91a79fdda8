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
        int warmUp = Integer.getInteger("crm.bench.warmUpRows", 50_000);
        int rounds = Integer.getInteger("crm.bench.rounds", 3);
        Path dir = Files.createTempDirectory("import-bench");
        ApiClient api = crm.client();
        String token = api.post("/api/tokens", crm.adminToken(), json("name", "bench", "role", "STAFF")).json().path("secret").asText();

        // a platform that has run for a while has its code compiled: a first import of other rows
        // warms it up (its rate is printed too); then rounds of an import and a LOAD DATA of as
        // many other rows, one after the other, each into the emptied table, so that a slow moment
        // of the machine weighs on both
        Path first = dir.resolve("warm-up.csv");
        write(first, null, "Premier import", 2 * rounds * rows, warmUp);
        Imported cold = importFile(api, token, first, warmUp, null);
        System.out.printf("%n| path | rows | seconds | rows/s |%n|---|---:|---:|---:|%n");
        System.out.printf("| CSV import, first one after start (warm-up) | %d | %.1f | %.0f |%n", warmUp, cold.seconds(), warmUp / cold.seconds());
        double[] imports = new double[rounds];
        double[] loads = new double[rounds];
        com.fasterxml.jackson.databind.JsonNode report = null;
        for (int round = 0; round < rounds; round++) {
            Path csv = dir.resolve("companies-" + round + ".csv");
            Path tsv = dir.resolve("companies-" + round + ".tsv");
            write(csv, tsv, "Entreprise Banc d'Essai " + round, 2 * round * rows, rows);
            reset();
            // no heap samples here: each forces a full collection, which the import would pay for
            Imported measured = importFile(api, token, csv, rows, null);
            report = measured.report();
            reset();
            double loadSeconds = loadData(tsv);
            imports[round] = rows / measured.seconds();
            loads[round] = rows / loadSeconds;
            System.out.printf("| round %d: CSV import (API, validation, dedupe, audit) | %d | %.1f | %.0f |%n", round + 1, rows, measured.seconds(),
                    imports[round]);
            System.out.printf("| round %d: LOAD DATA LOCAL INFILE (physical limit) | %d | %.1f | %.0f |%n", round + 1, rows, loadSeconds, loads[round]);
            Files.delete(csv);
            Files.delete(tsv);
        }
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ratios[round] = imports[round] / loads[round];
        }
        System.out.printf("ratios by round: %s; median import %.0f rows/s, median LOAD DATA %.0f rows/s, ratio of the medians: %.3f%n",
                java.util.Arrays.toString(java.util.Arrays.stream(ratios).map(r -> Math.round(r * 1000) / 1000.0).toArray()), median(imports),
                median(loads), median(imports) / median(loads));
        // memory on its own import of as many rows, sampled every two seconds
        reset();
        Path csv = dir.resolve("companies-heap.csv");
        write(csv, null, "Entreprise Mémoire", 2 * rounds * rows + warmUp, rows);
        LiveHeap heap = new LiveHeap();
        Imported sampled = importFile(api, token, csv, rows, heap);
        System.out.printf("live heap while importing %d rows at most %d MB above the start (that import: %.0f rows/s)   last report: %s%n",
                rows, heap.maxAboveBaselineMb(), rows / sampled.seconds(), report);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /**
     * {@code n} companies named {@code prefix i} as an Excel-for-France CSV, SIRENs from {@code from};
     * and, when {@code tsv} is given, as many others (the next SIRENs) as LOAD DATA reads them.
     */
    static void write(Path csv, Path tsv, String prefix, int from, int n) throws java.io.IOException {
        String now = LocalDateTime.now().toString().replace('T', ' ');
        try (BufferedWriter c = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             BufferedWriter t = tsv == null ? null : Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            c.write("Raison sociale;SIREN;Code postal;Ville\r\n");
            for (int i = 0; i < n; i++) {
                String name = prefix + " " + i;
                String[] city = CITIES[i % CITIES.length].split(";");
                c.write(name + ";" + siren(from + i) + ";" + city[0] + ";" + city[1] + "\r\n");
                if (t != null) {
                    String other = prefix + " chargée " + i;
                    t.write(other + "\t" + siren(from + n + i) + "\t" + city[0] + "\t" + city[1] + "\tFR\t" + city[0].substring(0, 2) + "\tPROSPECT\t"
                            + SearchText.normalize(other + " " + city[1]) + "\t" + SearchText.nameKey(other) + "\t" + now + "\t" + now + "\n");
                }
            }
        }
    }

    /**
     * Empties the companies and what the import writes with them, so that every import and every
     * LOAD DATA starts from the same empty table (a table growing round after round slowed the
     * later rounds' imports, whose look-ups then left the buffer pool, more than their loads).
     */
    static void reset() throws java.sql.SQLException {
        try (Connection conn = DriverManager.getConnection(crm.database().url(), crm.database().user(), crm.database().password());
             Statement st = conn.createStatement()) {
            st.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : new String[] {"activity", "company_tag", "audit_log", "company"}) {
                st.execute("TRUNCATE TABLE " + table);
            }
            st.execute("SET FOREIGN_KEY_CHECKS = 1");
        }
    }

    /** MariaDB's own bulk load of the rows into the same table: the seconds it took. */
    static double loadData(Path tsv) throws java.sql.SQLException {
        long t1 = System.nanoTime();
        try (Connection conn = DriverManager.getConnection(crm.database().url() + "?allowLocalInfile=true", crm.database().user(),
                crm.database().password()); Statement st = conn.createStatement()) {
            st.execute("LOAD DATA LOCAL INFILE '" + tsv.toString().replace("\\", "/") + "' INTO TABLE company CHARACTER SET utf8mb4 "
                    + "FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (legal_name, siren, postal_code, city, country, department, status, "
                    + "search_text, name_key, created_at, updated_at)");
        }
        return (System.nanoTime() - t1) / 1e9;
    }

    private record Imported(double seconds, com.fasterxml.jackson.databind.JsonNode report) {}

    private static Imported importFile(ApiClient api, String token, Path csv, int rows, LiveHeap heap) throws Exception {
        long t0 = System.nanoTime();
        long id = api.send(api.request("/api/imports?entity=companies&fileName=" + csv.getFileName()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv))).json().path("id").asLong();
        String status;
        do {
            Thread.sleep(200);
            if (heap != null) {
                heap.sample();
            }
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
