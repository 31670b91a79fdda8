package org.ffmas.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.storage.EmbeddedMariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole platform in-process, on its embedded database. */
class PlatformTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Platform platform;

    private Platform start() throws Exception {
        PlatformSettings settings = new PlatformSettings(new PlatformSettings.HttpSettings("127.0.0.1", 0),
                new PlatformSettings.DatabaseSettings(Optional.empty(), 4),
                new PlatformSettings.Folders(dataDir, dataDir.resolve("plugins"), dataDir.resolve("plugin-config"), dataDir.resolve("routes")),
                Optional.empty(), PlatformSettings.AuthSettings.DEFAULTS, PlatformSettings.AgreementSettings.DEFAULTS,
                PlatformSettings.SyncSettings.DEFAULTS, PlatformSettings.MailSettings.DEFAULTS);
        platform = new Platform(settings, Clock.systemUTC());
        platform.start();
        return platform;
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
    }

    @Test
    void healthIsUpWithEveryComponent() throws Exception {
        start();

        HttpResponse<String> r = get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("database").path("details").path("embedded").asBoolean()).isTrue();
        assertThat(body.path("components").path("camel").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("camel").path("details").path("state").asText()).isEqualTo("Started");
        assertThat(body.path("components").path("plugins").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthGoesDownWhenTheDatabaseGoesAwayAndUpWhenItReturns() throws Exception {
        start();
        EmbeddedMariaDb db = platform.database().embedded().orElseThrow();
        assertThat(get("/health").statusCode()).isEqualTo(200);

        db.stop();
        HttpResponse<String> down = get("/health");

        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(down.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("components").path("database").path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("components").path("database").path("details").path("error").asText()).isNotBlank();
        assertThat(body.path("components").path("camel").path("status").asText()).as("only the database is at fault").isEqualTo("UP");

        db.start();
        HttpResponse<String> up = get("/health");
        long deadline = System.currentTimeMillis() + 20_000;
        while (up.statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            up = get("/health");
        }
        assertThat(up.statusCode()).as("recovers by itself: " + up.body()).isEqualTo(200);
        assertThat(json.readTree(up.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void errorsAreProblemJsonWithoutStackTraces() throws Exception {
        start();

        HttpResponse<String> notFound = get("/no/such/thing");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(notFound.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("title").asText()).isEqualTo("Not Found");
        assertThat(problem.path("detail").asText()).contains("/no/such/thing");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(url("/health")).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));

        for (HttpResponse<String> r : java.util.List.of(notFound, wrongMethod)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void runsAreRecordedAndSurviveARestart() throws Exception {
        start();
        long firstRun = platform.runId();
        platform.stop();

        start();

        PlatformRunRepository runs = new PlatformRunRepository(platform.database().dsl());
        PlatformRun previous = runs.before(platform.runId()).orElseThrow();
        assertThat(previous.id()).isEqualTo(firstRun);
        assertThat(previous.stoppedAt()).as("a clean stop is recorded").isPresent();
    }
}
