package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anyone can mail the bounce address: a report counts only if the Message-ID it quotes carries
 * the delivery's bounce tag (an HMAC with the install's key, kept in the database). A forged
 * report naming someone else's delivery, in the guessable form of the ids, suppresses no one and
 * is kept for an administrator to review; a real bounce still suppresses.
 */
@Tag("database")
class CampaignForgedBounceTest {

    static final String MAILBOX_PASSWORD = "boite-rebonds-2026";
    static final GreenMail mail = MailboxKit.start(0, 0, MAILBOX_PASSWORD);
    static final int SMTP_PORT = mail.getSmtp().getPort();

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(MailSettings.DEFAULTS
            .withSmtp(new MailServer("127.0.0.1", SMTP_PORT, "", "", "none"))
            .withImap(new MailServer("127.0.0.1", mail.getImap().getPort(), MailboxKit.MAILBOX, MAILBOX_PASSWORD, "none"), 1)
            .withRate(200).withRetrySeconds(1).withPublicUrl("https://crm.ffmas.test"));

    @AfterAll
    static void stopMail() {
        mail.stop();
    }

    static long contact(ApiClient api, String staff, long company, String email) {
        Answer a = api.post("/api/companies/" + company + "/contacts", staff, json("lastName", "Contact", "email", email,
                "emailStatus", "NOT_ASKED"));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json().path("id").asLong();
    }

    @Test
    void aForgedBounceSuppressesNoOneAndIsKeptForReviewWhileARealOneStillSuppresses() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        String staff = api.post("/api/tokens", admin, json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        long company = api.post("/api/companies", staff, json("legalName", "Rebonds & Cie", "status", "PARTNER")).json().path("id").asLong();
        long victim = contact(api, staff, company, "victime@rebonds.test");
        long gone = contact(api, staff, company, "parti@rebonds.test");
        long campaign = api.post("/api/campaigns", staff, json("name", "Rebonds", "subject", "Bonjour", "htmlTemplate", "<p>Bonjour</p>",
                "segment", Map.of("companyStatus", List.of("PARTNER")))).json().path("id").asLong();
        assertThat(api.post("/api/campaigns/" + campaign + "/send", staff, null).status()).isEqualTo(200);
        MailboxKit.await("the campaign is sent", () -> crm.client().get("/api/campaigns/" + campaign, staff).json().path("status").asText().equals("SENT"));
        long victimDelivery = 0;
        for (JsonNode d : api.get("/api/campaigns/" + campaign + "/deliveries", staff).json().path("items")) {
            if (d.path("contactId").asLong() == victim) {
                victimDelivery = d.path("id").asLong();
            }
        }
        assertThat(victimDelivery).isPositive();

        // an attacker who knows the ids' pattern (or guesses them: they count up) reports the victim's delivery as bounced
        Session session = Session.getInstance(new Properties());
        MailboxKit.sendToMailbox(SMTP_PORT, MailboxKit.deliveryReport(session, "<campaign." + campaign + ".delivery." + victimDelivery
                + "@ffmas.org>", "victime@rebonds.test", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"));
        MailboxKit.sendToMailbox(SMTP_PORT, MailboxKit.deliveryReport(session, "<campaign." + campaign + ".delivery." + victimDelivery
                + ".abcdefghijklmnopqrstuvwxyz@ffmas.org>", "victime@rebonds.test", "failed", "5.1.1", null));

        MailboxKit.await("both forged reports are set aside", () -> crm.client().get("/api/campaigns/bounces/unverified", admin).json()
                .path("total").asInt() == 2);
        JsonNode review = api.get("/api/campaigns/bounces/unverified", admin).json().path("items");
        for (JsonNode r : review) {
            assertThat(r.path("campaignId").asLong()).isEqualTo(campaign);
            assertThat(r.path("deliveryId").asLong()).isEqualTo(victimDelivery);
            assertThat(r.path("recipients").toString()).contains("victime@rebonds.test");
            assertThat(r.path("from").asText()).isEqualTo("MAILER-DAEMON@mx.example.test");
            assertThat(r.path("reason").asText()).startsWith("5.1.1");
        }
        assertThat(api.get("/api/campaigns/bounces/unverified", staff).status()).as("for administrators").isEqualTo(403);
        assertThat(api.get("/api/contacts/" + victim, staff).json().path("emailStatus").asText()).isEqualTo("NOT_ASKED");
        assertThat(api.get("/api/campaigns/" + campaign + "/stats", staff).json().path("bounced").asInt()).isZero();
        assertThat(api.post("/api/segments/preview", staff, json("segment", Map.of("contactIds", List.of(victim))))
                .json().path("count").asInt()).as("the victim still gets campaigns").isEqualTo(1);

        // the key is in the database, not in the data folder nor in memory: a restarted platform still recognises its own mail
        assertThat(Files.exists(crm.dataDir().resolve("mail-secret"))).isFalse();
        crm.stop();
        crm.start(Optional.of(TestPlatform.ADMIN_PASSWORD));
        ApiClient again = crm.client();

        MailboxKit.sendToMailbox(SMTP_PORT, MailboxKit.deliveryReport(session, MailboxKit.received(mail, "parti@rebonds.test").getMessageID(),
                "parti@rebonds.test", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"));
        MailboxKit.await("the real bounce suppresses", () -> crm.client().get("/api/contacts/" + gone, staff).json().path("emailStatus").asText()
                .equals("BOUNCED"));
        assertThat(again.get("/api/campaigns/" + campaign + "/stats", staff).json().path("bounced").asInt()).isEqualTo(1);
        assertThat(again.get("/api/contacts/" + victim, staff).json().path("emailStatus").asText()).isEqualTo("NOT_ASKED");
        assertThat(again.get("/api/campaigns/bounces/unverified", admin).json().path("total").asInt()).isEqualTo(2);

        // nor does a test message go to the suppressed address
        Answer test = again.post("/api/campaigns/" + campaign + "/test", staff, json("to", "parti@rebonds.test"));
        assertThat(test.status()).as(test.raw().body()).isEqualTo(400);
        assertThat(test.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
    }
}
