package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.MutableClock;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test messages go to any address typed in: never to one that unsubscribed or bounced, at most
 * {@code mail.testSendsPerHour} per staff user and hour (counted in the database: a restart, or
 * another node, does not start the count again), each one in the audit log.
 */
@Tag("database")
class CampaignTestSendsTest {

    static final int PER_HOUR = 3;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:20:00Z"));

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withClock(clock).withMail(new MailSettings(MailSettings.DEFAULTS.sender(),
            new MailSettings.Outgoing(Optional.empty(), "", 20, 2, 60, PER_HOUR), MailSettings.DEFAULTS.inbox(),
            MailSettings.DEFAULTS.links(), List.of()));

    static long campaign(ApiClient api, String token) {
        Answer a = api.post("/api/campaigns", token, json("name", "Essai " + System.nanoTime(), "subject", "Bonjour",
                "htmlTemplate", "<p>Bonjour {{contact.firstName}}</p>", "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json().path("id").asLong();
    }

    static Answer test(String token, long campaign, String to) {
        return crm.client().post("/api/campaigns/" + campaign + "/test", token, json("to", to));
    }

    static long outboxFiles() throws Exception {
        Path outbox = crm.dataDir().resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.count();
        }
    }

    @Test
    void noTestMessageGoesToAnAddressThatUnsubscribed() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        long company = api.post("/api/companies", admin, json("legalName", "Cabinet Désinscrit", "status", "PARTNER")).json().path("id").asLong();
        Answer contact = api.post("/api/companies/" + company + "/contacts", admin, json("lastName", "Parti",
                "email", "plus-jamais@desinscrit.test", "emailStatus", "UNSUBSCRIBED"));
        assertThat(contact.status()).as(contact.raw().body()).isEqualTo(201);
        long id = campaign(api, admin);
        long before = outboxFiles();

        Answer refused = test(admin, id, "plus-jamais@DESINSCRIT.test");
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("bounced or unsubscribed");
        assertThat(outboxFiles()).as("nothing written").isEqualTo(before);
    }

    @Test
    void testSendsAreLimitedPerUserAndHourCountedInTheDatabaseAndAudited() throws Exception {
        String admin = crm.adminToken();
        Answer user = crm.client().post("/api/users", admin, json("username", "claire", "displayName", "Claire Relectrice",
                "email", "claire@ffmas.org", "role", "STAFF", "password", "Relecture-Campagnes-2026"));
        assertThat(user.status()).as(user.raw().body()).isEqualTo(201);
        long claireId = user.json().path("id").asLong();
        String claire = crm.client().login("claire", "Relecture-Campagnes-2026");
        long id = campaign(crm.client(), claire);

        for (int i = 1; i <= PER_HOUR; i++) {
            Answer sent = test(claire, id, "relecture" + i + "@ffmas.org");
            assertThat(sent.status()).as("test " + i + ": " + sent.raw().body()).isEqualTo(200);
        }
        Answer tooMany = test(claire, id, "relecture@ffmas.org");
        assertThat(tooMany.status()).as(tooMany.raw().body()).isEqualTo(429);
        assertThat(tooMany.header("Content-Type")).contains("application/problem+json");
        assertThat(tooMany.header("Retry-After")).as("until the next hour").isEqualTo("2400");
        assertThat(tooMany.json().path("detail").asText()).contains("mail.testSendsPerHour");
        assertThat(test(admin, id, "direction@ffmas.org").status()).as("another user has an hour of their own").isEqualTo(200);

        // a platform started again (or another node on the database) counts on
        crm.stop();
        crm.start(Optional.of(TestPlatform.ADMIN_PASSWORD));
        assertThat(test(claire, id, "relecture@ffmas.org").status()).as("after a restart").isEqualTo(429);

        clock.advance(Duration.ofMinutes(40));
        assertThat(test(claire, id, "relecture@ffmas.org").status()).as("the next hour").isEqualTo(200);

        Answer audit = crm.client().get("/api/audit?action=campaign.test_sent&actorId=" + claireId + "&size=50", admin);
        assertThat(audit.json().path("items").size()).as("each test sent, none of the refused").isEqualTo(PER_HOUR + 1);
        assertThat(audit.json().path("items").toString()).contains("relecture1@ffmas.org").contains(String.valueOf(id));
    }
}
