package org.ffmas.crm.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;
import static org.ffmas.crm.imports.Uploads.finished;
import static org.ffmas.crm.imports.Uploads.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An import the platform was killed during is not left RUNNING for ever: the next start (or any
 * node sharing the database) sees by its heartbeat that its runner is gone, marks it FAILED with
 * the reason, and staff restart it; the import of a runner still alive is left alone.
 */
@Tag("database")
class ImportRestartTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    private static final String HEADER = "Raison sociale;SIREN;Code postal\r\n";

    private static String rows(int from, int to) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i < to; i++) {
            csv.append("Cabinet Reprise ").append(i).append(';').append(ImportBenchmark.siren(800_000 + i)).append(";75011\r\n");
        }
        return csv.toString();
    }

    /** An import_run row as a run killed during the import leaves it: RUNNING, part of its counts written, its file kept. */
    private static long leftRunning(DSLContext db, long runner, LocalDateTime heartbeat, String file) throws Exception {
        long id = db.insertInto(DSL.table("import_run"))
                .columns(DSL.field("entity"), DSL.field("source"), DSL.field("file_name"), DSL.field("status"), DSL.field("headers"),
                        DSL.field("rows_read"), DSL.field("created"), DSL.field("created_at"), DSL.field("started_at"), DSL.field("runner_run"),
                        DSL.field("heartbeat_at"))
                .values("companies", "upload", "reprise.csv", "RUNNING", "[\"Raison sociale\",\"SIREN\",\"Code postal\"]", 1000, 1000,
                        heartbeat.minusMinutes(1), heartbeat.minusMinutes(1), runner, heartbeat)
                .returningResult(DSL.field("id", Long.class)).fetchOne().value1();
        Files.createDirectories(crm.dataDir().resolve("imports"));
        Files.writeString(crm.dataDir().resolve("imports").resolve(id + ".csv"), file, StandardCharsets.UTF_8);
        return id;
    }

    @Test
    void anImportKilledMidwayIsFailedAtTheNextStartAndItsRestartImportsTheRestOnce() throws Exception {
        ApiClient api = crm.client();
        String staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        // the first chunk was committed before the kill
        JsonNode before = finished(api, staff, upload(api, staff, "companies", (HEADER + rows(0, 1000)).getBytes(StandardCharsets.UTF_8), "a.csv"));
        assertThat(before.path("created").asInt()).isEqualTo(1000);

        DSLContext db = crm.platform().database().dsl();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        long killedRun = crm.platform().runId();
        long killed = leftRunning(db, killedRun, now.minusMinutes(10), HEADER + rows(0, 1500));
        // another node, alive, sharing the database: its import must be left alone
        long alive = leftRunning(db, killedRun + 1000, now.plusMinutes(30), HEADER + rows(2000, 2001));

        crm.stop();
        crm.start(Optional.empty());
        api = crm.client();

        JsonNode failed = api.get("/api/imports/" + killed, staff).json();
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asText()).isEqualTo("Import interrompu par l'arrêt de la plateforme ; relancez-le");
        assertThat(api.get("/api/imports/" + alive, staff).json().path("status").asText()).isEqualTo("RUNNING");

        Answer restart = api.post("/api/imports/" + killed + "/restart", staff, null);
        assertThat(restart.status()).as(restart.raw().body()).isEqualTo(202);
        assertThat(restart.json().path("id").asLong()).isEqualTo(killed);
        JsonNode done = finished(api, staff, killed);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("rowsRead").asInt()).isEqualTo(1500);
        assertThat(done.path("created").asInt()).isEqualTo(500);
        assertThat(done.path("unchanged").asInt()).as("the rows stored before the kill are found, not duplicated").isEqualTo(1000);
        assertThat(done.path("failure").isMissingNode() || done.path("failure").isNull()).isTrue();
        assertThat(api.get("/api/companies?q=cabinet%20reprise&size=1", staff).json().path("total").asLong()).isEqualTo(1500);

        Answer again = api.post("/api/imports/" + killed + "/restart", staff, null);
        assertThat(again.status()).as("a finished import is not restarted").isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains("DONE");
        assertThat(api.post("/api/imports/" + alive + "/restart", staff, null).status()).as("nor one a live node runs").isEqualTo(409);
        assertThat(api.post("/api/imports/999999/restart", staff, null).status()).isEqualTo(404);
    }
}
