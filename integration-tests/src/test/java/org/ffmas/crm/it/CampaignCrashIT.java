package org.ffmas.crm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign under way when the platform is killed (-9) or stopped (SIGTERM) completes after the
 * next start: every recipient gets the message; after a kill those in the batches in flight may
 * get it twice (the test prints how many did), after a normal stop nobody does.
 */
class CampaignCrashIT {

    private static final int RECIPIENTS = 300;
    private static final String ADMIN_PASSWORD = "Campagne-Crash-Test-2026!";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final Path logs = Path.of("target", "it-logs");
    private final HttpClient http = HttpClient.newHttpClient();
    private GreenMail smtp;
    private int port;
    private String token;

    @BeforeEach
    void mailServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopMailServer() {
        smtp.stop();
    }

    private Map<String, String> settings() {
        return Map.of("CRM_DATA_DIR", dataDir.toString(), "CRM_HTTP_PORT", String.valueOf(port), "CRM_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "CRM_SMTP_HOST", "127.0.0.1", "CRM_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()), "CRM_SMTP_TLS", "none",
                "CRM_MAIL_RATE", "40");
    }

    @Test
    void aCampaignKilledMidwayIsCompletedByTheNextStart() throws Exception {
        int duplicates = interruptAndRestart(true);
        // at 40 messages per second a batch is 40: the one being sent and the one being recorded
        assertThat(duplicates).as("at most the batches in flight are sent again").isLessThanOrEqualTo(2 * 40);
    }

    @Test
    void aCampaignStoppedMidwayIsCompletedByTheNextStartWithoutSendingAnyoneTwice() throws Exception {
        int duplicates = interruptAndRestart(false);
        assertThat(duplicates).as("a normal stop records what it sent before it exits").isZero();
    }

    /** Sends a campaign, stops the platform (kill -9 or SIGTERM) a third of the way, starts it again; the duplicates. */
    private int interruptAndRestart(boolean kill) throws Exception {
        String how = kill ? "kill9" : "sigterm";
        port = PlatformProcess.freePort();
        long campaign;
        try (PlatformProcess first = PlatformProcess.start(logs, "campaign-" + how + "-first", settings())) {
            first.awaitHealthy(Duration.ofSeconds(120));
            token = post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).path("token").asText();
            long company = post("/api/companies", Map.of("legalName", "Secrétariat Crash Test", "status", "PARTNER")).path("id").asLong();
            for (int i = 0; i < RECIPIENTS; i++) {
                post("/api/companies/" + company + "/contacts", Map.of("firstName", "Personne", "lastName", "N" + i,
                        "email", "r" + i + "@crash.test", "emailStatus", "NOT_ASKED"));
            }
            campaign = post("/api/campaigns", Map.of("name", "Crash", "subject", "Bonjour {{contact.lastName}}",
                    "htmlTemplate", "<p>Bonjour {{contact.firstName}} {{contact.lastName}}</p>",
                    "segment", Map.of("companyStatus", List.of("PARTNER")))).path("id").asLong();
            post("/api/campaigns/" + campaign + "/send", Map.of());
            await("a third of the campaign sent", Duration.ofSeconds(60), () -> smtp.getReceivedMessages().length >= RECIPIENTS / 3);
            if (kill) {
                first.kill();
                first.awaitExit(Duration.ofSeconds(10));
            } else {
                first.terminate();
                assertThat(first.awaitExit(Duration.ofSeconds(60))).as("exit code of a normal stop").isZero();
            }
        }
        int beforeRestart = smtp.getReceivedMessages().length;
        assertThat(beforeRestart).as("stopped before the end").isLessThan(RECIPIENTS);

        try (PlatformProcess second = PlatformProcess.start(logs, "campaign-" + how + "-second", settings())) {
            second.awaitHealthy(Duration.ofSeconds(120));
            token = post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).path("token").asText();
            long id = campaign;
            await("the campaign completed", Duration.ofSeconds(120), () -> get("/api/campaigns/" + id).path("status").asText().equals("SENT"));
            JsonNode stats = get("/api/campaigns/" + id + "/stats");
            assertThat(stats.path("sent").asInt()).isEqualTo(RECIPIENTS);
            second.terminate();
            second.awaitExit(Duration.ofSeconds(20));
        }

        Map<String, Integer> perAddress = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            perAddress.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
        }
        int duplicates = smtp.getReceivedMessages().length - perAddress.size();
        System.out.printf("campaign %s after %d of %d messages: %d recipient(s) received the message twice%n",
                kill ? "kill -9" : "SIGTERM", beforeRestart, RECIPIENTS, duplicates);
        assertThat(perAddress).as("every recipient got the message").hasSize(RECIPIENTS);
        return duplicates;
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
