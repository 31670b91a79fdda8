package org.ffmas.crm.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;
import static org.ffmas.crm.imports.Uploads.finished;
import static org.ffmas.crm.imports.Uploads.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an import's rejected rows cost and show: a report of bounded size whatever the file, every
 * problem page by page, a CSV a spreadsheet opens without running formulas, and no word of the
 * platform's insides (SQL, class names) in anything a reader of the report sees.
 */
@Tag("database")
class ImportRejectionsTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static ApiClient api;
    static String staff;
    static String readOnly;

    @BeforeAll
    static void tokens() {
        api = crm.client();
        staff = token("STAFF");
        readOnly = token("READ_ONLY");
    }

    private static String token(String role) {
        return api.post("/api/tokens", crm.adminToken(), json("name", role, "role", role)).json().path("secret").asText();
    }

    /** A file of {@code n} rows, each rejected for its SIREN (one problem a row), on lines 2 to n + 1. */
    private static long rejectedRows(int n) throws InterruptedException {
        StringBuilder csv = new StringBuilder("Raison sociale;SIREN;Code postal\r\n");
        for (int i = 0; i < n; i++) {
            csv.append("Rejet ").append(i).append(";123456789;75001\r\n");
        }
        JsonNode report = finished(api, staff, upload(api, staff, "companies", csv.toString().getBytes(StandardCharsets.UTF_8), "rejets.csv"));
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.path("rejected").asInt()).isEqualTo(n);
        return report.path("id").asLong();
    }

    @Test
    void aThousandRejectedRowsMakeAReportOfTwentyAndComeAllPageByPageAndInTheCsv() throws Exception {
        long id = rejectedRows(1_000);

        JsonNode report = api.get("/api/imports/" + id, readOnly).json();
        assertThat(report.path("errors")).hasSize(20);
        assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(report.path("errorsTotal").asInt()).isEqualTo(1_000);
        assertThat(report.path("errorsLink").asText()).isEqualTo("/api/imports/" + id + "/rejections?page=1&size=50");

        JsonNode first = api.get(report.path("errorsLink").asText(), readOnly).json();
        assertThat(first.path("items")).hasSize(50);
        assertThat(first.path("total").asLong()).isEqualTo(1_000);
        List<Integer> lines = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode p = api.get("/api/imports/" + id + "/rejections?page=" + page + "&size=400", readOnly).json();
            p.path("items").forEach(e -> lines.add(e.path("line").asInt()));
            assertThat(p.path("size").asInt()).isEqualTo(400);
        }
        assertThat(lines).as("every rejection once, in the file's order").hasSize(1_000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(i + 2);
        }

        for (String bad : new String[] {"page=0", "page=x", "size=501", "size=0"}) {
            Answer a = api.get("/api/imports/" + id + "/rejections?" + bad, readOnly);
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.json().path("errors").get(0).path("field").asText()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(api.get("/api/imports/999999/rejections", readOnly).status()).isEqualTo(404);

        String csv = api.get("/api/imports/" + id + "/rejected.csv", readOnly).raw().body();
        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(1_001);
        assertThat(records.get(1000).get(0)).isEqualTo("Rejet 999");
        assertThat(records.get(1000).get(3)).startsWith("ligne 1001 : siren");
    }

    @Test
    void theReportIsAsLargeForTwoThousandRejectionsAsForAHundred() throws Exception {
        int small = api.get("/api/imports/" + rejectedRows(100), staff).raw().body().length();
        int large = api.get("/api/imports/" + rejectedRows(2_000), staff).raw().body().length();
        // only the numbers differ (ids, counts, times)
        assertThat(Math.abs(large - small)).as(small + " then " + large + " bytes").isLessThan(40);
    }

    @Test
    void cellsASpreadsheetWouldRunComeBackNeutralisedAndImportAgainAsTyped() throws Exception {
        String file = "Raison sociale;SIREN;Code postal;Téléphone;Site web\r\n"
                + "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\";123456789;75001;;\r\n"
                + "@SUM(A1);123456789;75001;+33 1 42 14 20 00;-2+3\r\n"
                + "Cabinet Tabulation;123456789;75001;\"\t=1+1\";\r\n";
        long id = finished(api, staff, upload(api, staff, "companies", file.getBytes(StandardCharsets.UTF_8), "formules.csv")).path("id").asLong();

        List<CSVRecord> rows = parse(api.get("/api/imports/" + id + "/rejected.csv", staff).raw().body());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).get(0)).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(rows.get(2).get(0)).isEqualTo("'@SUM(A1)");
        assertThat(rows.get(2).get(3)).isEqualTo("'+33 1 42 14 20 00");
        assertThat(rows.get(2).get(4)).isEqualTo("'-2+3");
        // the reader trims the tab away: what is left still starts a formula
        assertThat(rows.get(3).get(3)).isEqualTo("'=1+1");

        // fixed in the spreadsheet (a good SIREN) and imported again: the phone is read as it was typed
        String fixed = "Raison sociale;SIREN;Code postal;Téléphone\r\nCabinet Corrigé;" + ImportBenchmark.siren(700_001) + ";75001;"
                + rows.get(2).get(3) + "\r\n";
        JsonNode again = finished(api, staff, upload(api, staff, "companies", fixed.getBytes(StandardCharsets.UTF_8), "corrige.csv"));
        assertThat(again.path("created").asInt()).as(again.toString()).isEqualTo(1);
        JsonNode company = api.get("/api/companies?q=" + ImportBenchmark.siren(700_001), staff).json().path("items").get(0);
        assertThat(company.path("phone").asText()).isEqualTo("+33142142000");
    }

    /** What the database must refuse: a trigger that fails its insert with a message of its own. */
    interface Attempt {
        void run() throws Exception;
    }

    private static void withRefusal(String table, String column, String word, Attempt attempt) throws Exception {
        DSLContext db = crm.platform().database().dsl();
        db.execute("CREATE TRIGGER refuse_" + word + " BEFORE INSERT ON " + table + " FOR EACH ROW IF NEW." + column + " LIKE '%" + word
                + "%' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + word + " refused by trigger'; END IF");
        try {
            attempt.run();
        } finally {
            db.execute("DROP TRIGGER refuse_" + word);
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsRejectedWithoutAWordOfSql() throws Exception {
        withRefusal("company", "legal_name", "Boum", () -> {
            String file = "Raison sociale;SIREN;Code postal\r\nBoum SARL;" + ImportBenchmark.siren(710_001) + ";75001\r\n"
                    + "Paisible SARL;" + ImportBenchmark.siren(710_002) + ";75001\r\n";
            JsonNode report = finished(api, staff, upload(api, staff, "companies", file.getBytes(StandardCharsets.UTF_8), "boum.csv"));
            long id = report.path("id").asLong();
            assertThat(report.path("created").asInt()).as(report.toString()).isEqualTo(1);
            assertThat(report.path("rejected").asInt()).isEqualTo(1);
            assertThat(report.path("errors").get(0).path("message").asText()).isEqualTo(ChunkTally.ROW_FAILED);
            assertNoInsides(api.get("/api/imports/" + id, readOnly).raw().body());
            assertNoInsides(api.get("/api/imports/" + id + "/rejections", readOnly).raw().body());
            assertNoInsides(api.get("/api/imports/" + id + "/rejected.csv", readOnly).raw().body());
        });
    }

    @Test
    void aRunTheDatabaseBreaksOffFailsWithoutAWordOfSql() throws Exception {
        // the chunk's rejections are stored in its transaction: refusing one breaks the whole run off
        withRefusal("import_rejection", "cells", "Casse", () -> {
            String file = "Raison sociale;SIREN;Code postal\r\nCasse SARL;123456789;75001\r\n";
            JsonNode report = finished(api, staff, upload(api, staff, "companies", file.getBytes(StandardCharsets.UTF_8), "casse.csv"));
            assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("FAILED");
            assertThat(report.path("failure").asText()).isEqualTo(ImportService.RUN_FAILED);
            assertNoInsides(api.get("/api/imports/" + report.path("id").asLong(), readOnly).raw().body());
            assertNoInsides(api.get("/api/imports", readOnly).raw().body());
        });
    }

    private static void assertNoInsides(String body) {
        assertThat(body).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("insert").doesNotContain("conn=")
                .doesNotContain("Exception").doesNotContain("org.").doesNotContain("java.").doesNotContain("trigger")
                .doesNotContain("`");
    }

    private static List<CSVRecord> parse(String csv) throws java.io.IOException {
        assertThat(csv).startsWith("\uFEFF");
        return CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(csv.substring(1))).getRecords();
    }
}
