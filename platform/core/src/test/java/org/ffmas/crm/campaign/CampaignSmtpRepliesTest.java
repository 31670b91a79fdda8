package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.api.event.CampaignSent;
import org.ffmas.crm.api.event.CampaignStarted;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the mail server answers decides each delivery: a 5xx refusal fails it with the reply, a
 * 4xx is tried again later (with a growing wait) until it goes through; the campaign keeps to its
 * rate over its connections and announces its start and its end after commit.
 */
@Tag("database")
class CampaignSmtpRepliesTest {

    static final SmtpSink smtp = SmtpSink.open();
    static final double RATE = 20;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(MailSettings.DEFAULTS
            .withSmtp(new MailServer("127.0.0.1", smtp.port(), "", "", "none")).withRate(RATE).withRetrySeconds(1)
            .withPublicUrl("https://crm.ffmas.test").withSmtpConnections(2));

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    @Test
    void permanentRefusalsFailTemporaryOnesAreRetriedTheRateHoldsAndTheEventsFollow() throws Exception {
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        crm.platform().events().subscribe(events::add);
        ApiClient api = crm.client();
        String staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        long company = api.post("/api/companies", staff, json("legalName", "Réponses SMTP", "status", "PARTNER")).json().path("id").asLong();
        for (int i = 0; i < 40; i++) {
            api.post("/api/companies/" + company + "/contacts", staff, json("lastName", "N" + i, "email", "r" + i + "@smtp.test",
                    "emailStatus", "NOT_ASKED"));
        }
        smtp.refusals.put("r3@smtp.test", new ArrayDeque<>(List.of("550 5.1.1 <r3@smtp.test>: Recipient address rejected: User unknown")));
        smtp.refusals.put("r7@smtp.test", new ArrayDeque<>(List.of("451 4.7.1 Greylisted, please try again later",
                "451 4.7.1 Greylisted, please try again later")));
        long campaign = api.post("/api/campaigns", staff, json("name", "Réponses", "subject", "Bonjour", "htmlTemplate", "<p>Bonjour</p>",
                "segment", Map.of("companyStatus", List.of("PARTNER")))).json().path("id").asLong();

        assertThat(api.post("/api/campaigns/" + campaign + "/send", staff, null).status()).isEqualTo(200);
        await(() -> api.get("/api/campaigns/" + campaign, staff).json().path("status").asText().equals("SENT"));

        JsonNode stats = api.get("/api/campaigns/" + campaign + "/stats", staff).json();
        assertThat(stats.path("sent").asInt()).isEqualTo(39);
        assertThat(stats.path("failed").asInt()).isEqualTo(1);
        JsonNode failed = api.get("/api/campaigns/" + campaign + "/deliveries?status=FAILED", staff).json().path("items").get(0);
        assertThat(failed.path("email").asText()).isEqualTo("r3@smtp.test");
        assertThat(failed.path("smtpReply").asText()).contains("550 5.1.1").contains("User unknown");
        assertThat(failed.path("attempts").asInt()).as("a permanent refusal is not tried again").isEqualTo(1);
        JsonNode greylisted = api.get("/api/campaigns/" + campaign + "/deliveries?status=SENT&size=100", staff).json().path("items");
        JsonNode r7 = null;
        for (JsonNode d : greylisted) {
            if (d.path("email").asText().equals("r7@smtp.test")) {
                r7 = d;
            }
        }
        assertThat(r7).as("the greylisted address got its message in the end").isNotNull();
        assertThat(r7.path("attempts").asInt()).isEqualTo(3);

        // 40 messages at 20 per second over 2 connections: the rate holds for both together
        List<Long> times = List.copyOf(smtp.arrivals);
        assertThat(times).hasSize(39);
        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
        assertThat(38 / seconds).as("messages per second").isLessThanOrEqualTo(RATE * 1.15);
        assertThat(smtp.opened.get()).as("connections kept from message to message").isLessThanOrEqualTo(6);

        await(() -> events.stream().anyMatch(e -> e instanceof CampaignSent s && s.campaignId() == campaign));
        CampaignStarted started = events.stream().filter(CampaignStarted.class::isInstance).map(CampaignStarted.class::cast)
                .filter(e -> e.campaignId() == campaign).findFirst().orElseThrow();
        assertThat(started.recipients()).isEqualTo(40);
        CampaignSent sent = events.stream().filter(CampaignSent.class::isInstance).map(CampaignSent.class::cast).findFirst().orElseThrow();
        assertThat(sent.sent()).isEqualTo(39);
        assertThat(sent.failed()).isEqualTo(1);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
