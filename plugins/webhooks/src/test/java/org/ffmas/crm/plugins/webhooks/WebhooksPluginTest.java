package org.ffmas.crm.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.testkit.PluginJarBuilder;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhooks plugin, built from this module's classes, in a real platform, against a real receiver. */
class WebhooksPluginTest {

    static Path pluginsDir;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginsDir = pluginUnderTest())
            // the receiver is on this machine: allowed, as an administrator would allow a receiver on the local network
            .withHttp(new PlatformSettings.HttpSettings("127.0.0.1", 0).withOutboundAllowlist(List.of("127.0.0.1")));

    static WebhookReceiver receiver;
    static ApiClient api;
    static String admin;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The plugin as a jar of this module's classes, alone in a plugins folder. */
    static Path pluginUnderTest() {
        try {
            return PluginJarBuilder.packClasses(Path.of("target", "classes"), Files.createTempDirectory("webhooks-plugin"), "webhooks.jar")
                    .getParent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void configure() throws Exception {
        receiver = new WebhookReceiver();
        api = crm.client();
        admin = crm.adminToken();
        Answer set = api.call("PUT", "/api/plugins/webhooks/settings", admin,
                json("urls", receiver.url(), "secret", "partage-secret", "maxAttempts", 3, "initialDelayMs", 200));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().path("values").path("secret").asText()).as("never returned in clear").isEqualTo("********");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void reset() {
        receiver.requests.clear();
        receiver.followed.clear();
        receiver.failuresLeft.set(0);
        receiver.redirecting.set(false);
        receiver.failingWithMarker.set(false);
    }

    private static void await(BooleanSupplier condition, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("within " + ms + " ms").isTrue();
    }

    @Test
    void eachEventIsSentAsSignedJson() throws Exception {
        long id = api.post("/api/companies", admin, json("legalName", "Webhook Conseil")).json().path("id").asLong();

        await(() -> !receiver.requests.isEmpty(), 5000);
        WebhookReceiver.Received r = receiver.requests.get(0);
        assertThat(r.header("X-CRM-Event")).isEqualTo("company.created");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("company.created");
        assertThat(body.path("id").asText()).isEqualTo(r.header("X-CRM-Delivery"));
        assertThat(body.path("data").path("companyId").asLong()).isEqualTo(id);

        long now = Instant.now().getEpochSecond();
        String signature = r.header(Signature.HEADER);
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(Signature.verify("partage-secret", signature, r.body(), now, 300)).isTrue();
        assertThat(Signature.verify("autre-secret", signature, r.body(), now, 300)).as("another secret").isFalse();
        assertThat(Signature.verify("partage-secret", signature, r.body() + " ", now, 300)).as("a changed body").isFalse();
        assertThat(Signature.verify("partage-secret", signature, r.body(), now + 3600, 300)).as("replayed an hour later").isFalse();
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingDelaysUntilItAccepts() throws Exception {
        receiver.failuresLeft.set(2);

        api.post("/api/companies", admin, json("legalName", "Réessai SAS"));

        await(() -> receiver.requests.size() >= 3, 10_000);
        List<WebhookReceiver.Received> attempts = receiver.requests;
        assertThat(attempts.stream().map(a -> a.header("X-CRM-Delivery")).distinct()).as("the same delivery each time").hasSize(1);
        long firstGap = attempts.get(1).atMillis() - attempts.get(0).atMillis();
        long secondGap = attempts.get(2).atMillis() - attempts.get(1).atMillis();
        assertThat(firstGap).isGreaterThanOrEqualTo(180);
        assertThat(secondGap).as("exponential back-off").isGreaterThanOrEqualTo(380);
        Thread.sleep(1000);
        assertThat(receiver.requests).as("no more once accepted").hasSize(3);
        assertThat(api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").size()).isZero();
    }

    @Test
    void whatFailsEveryAttemptIsADeadLetterThatCanBeReplayed() throws Exception {
        receiver.failuresLeft.set(3);

        api.post("/api/companies", admin, json("legalName", "Lettre Morte SA"));

        await(() -> api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").size() == 1, 10_000);
        JsonNode dead = api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").get(0);
        assertThat(dead.path("eventType").asText()).isEqualTo("company.created");
        assertThat(dead.path("attempts").asInt()).isEqualTo(3);
        assertThat(dead.path("lastError").asText()).contains("503");
        assertThat(receiver.requests).hasSize(3);

        Answer replay = api.post("/api/plugins/webhooks/deliveries/" + dead.path("id").asText() + "/replay", admin, null);
        assertThat(replay.status()).isEqualTo(202);
        await(() -> receiver.requests.size() == 4, 5000);
        assertThat(receiver.requests.get(3).header("X-CRM-Delivery")).isEqualTo(dead.path("id").asText());
        assertThat(api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").size()).isZero();
        assertThat(api.post("/api/plugins/webhooks/deliveries/nope/replay", admin, null).status()).isEqualTo(404);
    }

    @Test
    void urlsWithoutASecretAreRefusedBeforeAnythingIsSent() {
        Answer bad = api.call("PUT", "/api/plugins/webhooks/settings", admin, json("urls", "pas une url"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("urls");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        receiver.redirecting.set(true);

        api.post("/api/companies", admin, json("legalName", "Redirigée SARL"));

        await(() -> api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").size() == 1, 10_000);
        JsonNode dead = api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").get(0);
        assertThat(dead.path("lastError").asText()).contains("307");
        assertThat(receiver.requests).hasSize(3);
        assertThat(receiver.followed).as("where the redirect points").isEmpty();
        replayOnceTheReceiverIsBack(dead);
    }

    /** Leaves no dead letter to the other tests: replayed to the receiver answering 200 again. */
    private static void replayOnceTheReceiverIsBack(JsonNode dead) throws InterruptedException {
        receiver.redirecting.set(false);
        receiver.failingWithMarker.set(false);
        assertThat(api.post("/api/plugins/webhooks/deliveries/" + dead.path("id").asText() + "/replay", admin, null).status()).isEqualTo(202);
        await(() -> api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").size() == 0, 5000);
    }

    @Test
    void whatAFailingReceiverAnswersIsNeverRepeated() throws Exception {
        receiver.failingWithMarker.set(true);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            api.post("/api/companies", admin, json("legalName", "Erreur Interne SA"));

            await(() -> api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").size() == 1, 10_000);
            String deliveries = api.get("/api/plugins/webhooks/deliveries", admin).raw().body();
            assertThat(deliveries).contains("500").doesNotContain(WebhookReceiver.MARKER);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(WebhookReceiver.MARKER)
                || e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                && e.getThrowableProxy().getMessage().contains(WebhookReceiver.MARKER));
        replayOnceTheReceiverIsBack(api.get("/api/plugins/webhooks/deliveries", admin).json().path("items").get(0));
    }
}
