package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Campaigns end to end against a real SMTP and IMAP server (GreenMail): segment, send,
 * personalised messages with bulk-sender headers, one-click unsubscribe, bounces and replies read
 * from the mailbox, and a mail server that is down for a while.
 */
@Tag("database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignApiTest {

    static final String MAILBOX_PASSWORD = "boite-contact-2026";
    static GreenMail mail = startMail(0, 0);
    static final int SMTP_PORT = mail.getSmtp().getPort();
    static final int IMAP_PORT = mail.getImap().getPort();

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(MailSettings.DEFAULTS
            .withSmtp(new MailServer("127.0.0.1", SMTP_PORT, "", "", "none"))
            .withImap(new MailServer("127.0.0.1", IMAP_PORT, "contact@ffmas.org", MAILBOX_PASSWORD, "none"), 1)
            .withRate(200).withRetrySeconds(1).withPublicUrl("https://crm.ffmas.test"));

    static ApiClient api;
    static String staff;
    static long partner;
    static long elodie;
    static long chloe;
    static long campaign;

    static GreenMail startMail(int smtpPort, int imapPort) {
        return MailboxKit.start(smtpPort, imapPort, MAILBOX_PASSWORD);
    }

    @BeforeAll
    static void partners() {
        api = crm.client();
        staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        partner = company("Dupont & Fils Secrétariat", "PARTNER");
        long prospect = company("Cabinet Prospect", "PROSPECT");
        elodie = contact(partner, "Élodie", "Martin", "elodie.martin@dupont-fils.test", "SUBSCRIBED");
        chloe = contact(partner, "Chloé", "Bernard", "chloe.bernard@dupont-fils.test", "NOT_ASKED");
        contact(partner, "Jean", "Petit", "jean.petit@dupont-fils.test", "UNSUBSCRIBED");
        contact(prospect, "Paul", "Durand", "paul.durand@prospect.test", "SUBSCRIBED");
    }

    @AfterAll
    static void stopMail() {
        mail.stop();
    }

    static long company(String name, String status) {
        Answer a = api.post("/api/companies", staff, json("legalName", name, "status", status));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json().path("id").asLong();
    }

    static long contact(long company, String first, String last, String email, String emailStatus) {
        Answer a = api.post("/api/companies/" + company + "/contacts", staff,
                json("firstName", first, "lastName", last, "email", email, "emailStatus", emailStatus, "function", "ASSISTANT",
                        "consentSource", emailStatus.equals("SUBSCRIBED") ? "formulaire du salon 2026" : null));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json().path("id").asLong();
    }

    static String campaignBody(String name, Map<String, Object> segment) {
        return json("name", name, "subject", "Invitation — {{contact.firstName}}, rencontre à Paris",
                "htmlTemplate", "<p>Bonjour {{contact.firstName}} {{contact.lastName}},</p>\n<p>{{company.name}} est invitée.</p>"
                        + "<p><a href=\"{{unsubscribeUrl}}\">Se désinscrire</a></p>",
                "segment", segment);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        MailboxKit.await(what, condition);
    }

    static MimeMessage received(String to) {
        return MailboxKit.received(mail, to);
    }

    static String part(MimeMessage m, String type) throws Exception {
        Multipart alternative = (Multipart) m.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                return (String) alternative.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    @Order(1)
    void badCampaignsAreRefusedWithTheReasonAndNothingIsQueued() {
        Answer empty = api.post("/api/campaigns", staff, json("name", "Vide", "subject", "Bonjour", "htmlTemplate", "<p>x</p>",
                "segment", Map.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.raw().body()).contains("segment").contains("empty");
        Answer emptyList = api.post("/api/campaigns", staff, json("name", "Liste vide", "subject", "Bonjour", "htmlTemplate", "<p>x</p>",
                "segment", Map.of("contactIds", List.of())));
        assertThat(emptyList.status()).isEqualTo(400);
        assertThat(emptyList.raw().body()).contains("segment.contactIds").contains("empty");
        Answer onlyNulls = api.post("/api/segments/preview", staff, "{\"segment\": {\"tags\": null}}");
        assertThat(onlyNulls.status()).isEqualTo(400);
        assertThat(onlyNulls.raw().body()).contains("segment").contains("empty");

        Answer noSubject = api.post("/api/campaigns", staff, json("name", "Sans objet", "htmlTemplate", "<p>x</p>",
                "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(noSubject.status()).isEqualTo(400);
        assertThat(noSubject.raw().body()).contains("\"subject\"");

        Answer unknownField = api.post("/api/campaigns", staff, json("name", "Champ", "subject", "Bonjour",
                "htmlTemplate", "<p>Bonjour</p>\n<p>Cher {{contact.prenom}}</p>", "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.raw().body()).contains("htmlTemplate").contains("line 2, column 9").contains("contact.prenom");

        Answer unclosed = api.post("/api/campaigns", staff, json("name", "Section", "subject", "Bonjour",
                "htmlTemplate", "{{#contact.firstName}}Bonjour", "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(unclosed.raw().body()).contains("never closed");

        Answer injected = api.post("/api/campaigns", staff, json("name", "En-tête", "subject", "Bonjour\r\nBcc: tous@exemple.test",
                "htmlTemplate", "<p>x</p>", "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.raw().body()).contains("\"subject\"").contains("control characters");

        Answer injectedName = api.post("/api/campaigns", staff, json("name", "Nom", "subject", "Bonjour", "fromName", "FFMAS\nBcc: x@y.test",
                "htmlTemplate", "<p>x</p>", "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(injectedName.status()).isEqualTo(400);
        assertThat(injectedName.raw().body()).contains("\"fromName\"");

        // a change needs the version read; a stale one is refused with the current one
        JsonNode draft = api.post("/api/campaigns", staff, campaignBody("Brouillon", Map.of("companyStatus", List.of("PARTNER")))).json();
        Answer renamed = api.call("PATCH", "/api/campaigns/" + draft.path("id").asLong(), staff,
                json("version", draft.path("version").asLong(), "subject", "Invitation — Fédération des métiers"));
        assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
        Answer stale = api.call("PATCH", "/api/campaigns/" + draft.path("id").asLong(), staff,
                json("version", draft.path("version").asLong(), "subject", "Autre"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(renamed.json().path("version").asLong());
        api.post("/api/campaigns/" + draft.path("id").asLong() + "/cancel", staff, null);

        Answer badSegment = api.post("/api/segments/preview", staff, json("segment", Map.of("companyStatus", List.of("AMI"), "colour", "red")));
        assertThat(badSegment.status()).isEqualTo(400);
        assertThat(badSegment.raw().body()).contains("segment.companyStatus").contains("segment.colour");

        long nobody = api.post("/api/campaigns", staff, campaignBody("Personne", Map.of("departments", List.of("2A"))))
                .json().path("id").asLong();
        Answer send = api.post("/api/campaigns/" + nobody + "/send", staff, null);
        assertThat(send.status()).isEqualTo(409);
        assertThat(send.raw().body()).contains("reaches no one");
        assertThat(api.get("/api/campaigns/" + nobody + "/stats", staff).json().path("total").asInt()).isZero();
        assertThat(api.get("/api/campaigns/" + nobody, staff).json().path("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    @Order(2)
    void aCampaignToASegmentArrivesPersonalisedWithTheHeadersBulkSendersNeed() throws Exception {
        Answer preview = api.post("/api/segments/preview", staff, json("segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(preview.json().path("count").asInt()).as("Jean unsubscribed, Paul's company is a prospect").isEqualTo(2);
        assertThat(preview.json().path("sample").toString()).contains("Élodie").contains("Chloé").doesNotContain("Jean");

        Answer created = api.post("/api/campaigns", staff, campaignBody("Invitation rencontre", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        campaign = created.json().path("id").asLong();
        assertThat(created.json().path("fromAddress").asText()).isEqualTo("contact@ffmas.org");
        assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");

        JsonNode rendered = api.post("/api/campaigns/" + campaign + "/preview", staff, json("contactId", elodie)).json();
        assertThat(rendered.path("subject").asText()).isEqualTo("Invitation — Élodie, rencontre à Paris");
        assertThat(rendered.path("html").asText()).contains("Dupont &amp; Fils Secrétariat est invitée");
        assertThat(rendered.path("text").asText()).contains("Dupont & Fils Secrétariat est invitée");

        Answer test = api.post("/api/campaigns/" + campaign + "/test", staff, json("to", "relecture@ffmas.org", "contactId", chloe));
        assertThat(test.status()).as(test.raw().body()).isEqualTo(200);
        assertThat(received("relecture@ffmas.org").getSubject()).isEqualTo("Invitation — Chloé, rencontre à Paris");

        Answer send = api.post("/api/campaigns/" + campaign + "/send", staff, null);
        assertThat(send.status()).as(send.raw().body()).isEqualTo(200);
        assertThat(send.json().path("status").asText()).isEqualTo("SENDING");
        assertThat(api.post("/api/campaigns/" + campaign + "/send", staff, null).status()).as("sent twice").isEqualTo(409);
        await("the campaign is sent", () -> api.get("/api/campaigns/" + campaign, staff).json().path("status").asText().equals("SENT"));

        JsonNode stats = api.get("/api/campaigns/" + campaign + "/stats", staff).json();
        assertThat(stats.path("total").asInt()).isEqualTo(2);
        assertThat(stats.path("sent").asInt()).isEqualTo(2);
        assertThat(stats.path("queued").asInt()).isZero();

        MimeMessage m = received("elodie.martin@dupont-fils.test");
        assertThat(m.getSubject()).isEqualTo("Invitation — Élodie, rencontre à Paris");
        assertThat(m.getHeader("Subject")[0]).as("encoded, not raw 8-bit").startsWith("=?UTF-8?");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("contact@ffmas.org");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("FFMAS");
        assertThat(m.isMimeType("multipart/alternative")).isTrue();
        assertThat(part(m, "text/html")).contains("Bonjour Élodie Martin").contains("Dupont &amp; Fils");
        assertThat(part(m, "text/plain")).contains("Bonjour Élodie Martin").contains("https://crm.ffmas.test/u/");
        assertThat(m.getHeader("List-Unsubscribe")[0]).matches("<https://crm\\.ffmas\\.test/u/[^>]+>, <mailto:contact@ffmas\\.org\\?subject=unsubscribe-[^>]+>");
        assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getHeader("Precedence")[0]).isEqualTo("bulk");
        assertThat(m.getMessageID()).as("with its bounce tag").matches("<campaign\\." + campaign + "\\.delivery\\.\\d+\\.[a-z2-7]{26}@ffmas\\.org>");
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(x -> {
            try {
                return x.getAllRecipients()[0].toString().contains("jean.petit");
            } catch (Exception e) {
                return false;
            }
        })).as("unsubscribed contacts get nothing").isEmpty();

        JsonNode timeline = api.get("/api/companies/" + partner + "/timeline", staff).json();
        assertThat(timeline.toString()).contains("EMAIL_OUT").contains("Invitation rencontre");
        JsonNode deliveries = api.get("/api/campaigns/" + campaign + "/deliveries?status=SENT", staff).json();
        assertThat(deliveries.path("items")).hasSize(2);
        assertThat(deliveries.path("items").get(0).path("smtpReply").asText()).startsWith("250");
    }

    @Test
    @Order(3)
    void oneClickUnsubscribeThroughTheLinkTakesEffectAtOnce() throws Exception {
        MimeMessage m = received("elodie.martin@dupont-fils.test");
        String header = m.getHeader("List-Unsubscribe")[0];
        String url = header.substring(1, header.indexOf('>'));
        String path = URI.create(url).getPath();

        Answer page = api.send(api.request(path).GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("<form method=\"post\"").contains("Me désinscrire");

        Answer forged = api.send(api.request(path.substring(0, path.length() - 3) + "abc").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(forged.status()).isEqualTo(404);

        // what a mail provider's button sends (RFC 8058), without any login
        Answer done = api.send(api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.raw().body()).contains("C'est fait");

        assertThat(api.get("/api/contacts/" + elodie, staff).json().path("emailStatus").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(api.get("/api/campaigns/" + campaign + "/stats", staff).json().path("unsubscribed").asInt()).isEqualTo(1);
        assertThat(api.get("/api/companies/" + partner + "/timeline", staff).json().toString()).contains("contact.unsubscribed");
        assertThat(api.post("/api/segments/preview", staff, json("segment", Map.of("companyStatus", List.of("PARTNER"))))
                .json().path("count").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aDeliveryStatusNotificationInTheMailboxMarksTheBounceAndARepliesGoesOnTheTimeline() throws Exception {
        MimeMessage original = received("chloe.bernard@dupont-fils.test");
        Session session = Session.getInstance(new Properties());
        MimeMessage dsn = deliveryReport(session, original.getMessageID(), "chloe.bernard@dupont-fils.test", "failed", "5.1.1",
                "smtp; 550 5.1.1 <chloe.bernard@dupont-fils.test>: user unknown");
        // anyone may write to contact@ffmas.org: a report naming another address than the delivery's changes nothing
        sendToMailbox(deliveryReport(session, received("elodie.martin@dupont-fils.test").getMessageID(), "someone@elsewhere.test"));
        sendToMailbox(dsn);

        MimeMessage reply = new MimeMessage(session);
        reply.setFrom(new InternetAddress("elodie.martin@dupont-fils.test", "Élodie Martin", "UTF-8"));
        reply.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("contact@ffmas.org"));
        reply.setSubject("Re: Invitation — Élodie, rencontre à Paris", "UTF-8");
        reply.setText("Avec plaisir, je serai présente.", "UTF-8");
        sendToMailbox(reply);

        await("the bounce is read", () -> api.get("/api/campaigns/" + campaign + "/stats", staff).json().path("bounced").asInt() == 1);
        assertThat(api.get("/api/campaigns/" + campaign + "/deliveries?status=BOUNCED", staff).json().path("items")).hasSize(1);
        assertThat(api.post("/api/segments/preview", staff, json("segment", Map.of("contactIds", List.of(chloe))))
                .json().path("count").asInt()).as("the bounced address is left out of every segment").isZero();
        assertThat(api.get("/api/contacts/" + chloe, staff).json().path("emailStatus").asText()).isEqualTo("BOUNCED");
        JsonNode bounced = api.get("/api/campaigns/" + campaign + "/deliveries?status=BOUNCED", staff).json().path("items").get(0);
        assertThat(bounced.path("contactId").asLong()).isEqualTo(chloe);
        assertThat(bounced.path("smtpReply").asText()).contains("5.1.1");
        await("the reply is on the timeline", () -> api.get("/api/companies/" + partner + "/timeline", staff).json().toString()
                .contains("EMAIL_IN"));
        assertThat(api.get("/api/companies/" + partner + "/timeline", staff).json().toString()).contains("Re: Invitation");

        // read again (the platform restarts its mailbox reading each poll): nothing is processed twice
        Thread.sleep(2500);
        long replies = api.get("/api/companies/" + partner + "/timeline?size=200", staff).json().path("items").findValuesAsText("kind")
                .stream().filter("EMAIL_IN"::equals).count();
        assertThat(replies).isEqualTo(1);
    }

    /** A hard-bounce report (RFC 3464) for the message {@code messageId}, naming {@code recipient}. */
    private static MimeMessage deliveryReport(Session session, String messageId, String recipient) throws Exception {
        return deliveryReport(session, messageId, recipient, "failed", "5.1.1", null);
    }

    private static MimeMessage deliveryReport(Session session, String messageId, String recipient, String action, String code,
                                              String diagnostic) throws Exception {
        return MailboxKit.deliveryReport(session, messageId, recipient, action, code, diagnostic);
    }

    @Test
    @Order(5)
    void whenTheMailServerIsDownDeliveriesWaitAndCompleteOnceItIsBack() throws Exception {
        mail.stop();
        long newcomer = contact(partner, "Inès", "Moreau", "ines.moreau@dupont-fils.test", "SUBSCRIBED");
        long id = api.post("/api/campaigns", staff, campaignBody("Relance", Map.of("contactIds", List.of(newcomer))))
                .json().path("id").asLong();
        api.post("/api/campaigns/" + id + "/send", staff, null);

        await("the server was found down", () -> api.get("/api/campaigns/" + id + "/deliveries", staff).json().path("items").get(0)
                .path("smtpReply").asText().contains("cannot be reached"));
        JsonNode waiting = api.get("/api/campaigns/" + id + "/deliveries", staff).json().path("items").get(0);
        assertThat(waiting.path("status").asText()).isIn("QUEUED", "SENDING");
        assertThat(waiting.path("attempts").asInt()).as("an outage uses up none of the message's attempts").isZero();
        assertThat(api.get("/api/campaigns/" + id, staff).json().path("status").asText()).isEqualTo("SENDING");

        mail = startMail(SMTP_PORT, IMAP_PORT);
        await("the campaign completes", () -> api.get("/api/campaigns/" + id, staff).json().path("status").asText().equals("SENT"));
        assertThat(received("ines.moreau@dupont-fils.test").getSubject()).isEqualTo("Invitation — Inès, rencontre à Paris");
    }

    @Test
    @Order(6)
    void aScheduledCampaignCanBeCancelledAndACancelledOneNotSent() {
        long id = api.post("/api/campaigns", staff, campaignBody("Plus tard", Map.of("companyStatus", List.of("PARTNER"))))
                .json().path("id").asLong();
        assertThat(api.post("/api/campaigns/" + id + "/schedule", staff, json("at", "2020-01-01T08:00:00Z")).status()).isEqualTo(400);
        Answer scheduled = api.post("/api/campaigns/" + id + "/schedule", staff, json("at", Instant.now().plus(Duration.ofDays(30)).toString()));
        assertThat(api.post("/api/campaigns/" + id + "/schedule", staff, json("at", "2099-01-01T08:00:00Z")).status()).isEqualTo(400);
        assertThat(scheduled.json().path("status").asText()).as(scheduled.raw().body()).isEqualTo("SCHEDULED");
        assertThat(api.post("/api/campaigns/" + id + "/pause", staff, null).status()).isEqualTo(409);
        assertThat(api.post("/api/campaigns/" + id + "/cancel", staff, null).json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.post("/api/campaigns/" + id + "/send", staff, null).status()).isEqualTo(409);
        assertThat(api.get("/api/campaigns?status=CANCELLED", staff).json().path("items").findValuesAsText("name")).contains("Plus tard");
    }

    @Test
    @Order(8)
    void aScheduledCampaignGoesOutAtItsTime() throws Exception {
        long lea = contact(partner, "Léa", "Roux", "lea.roux@dupont-fils.test", "NOT_ASKED");
        long id = api.post("/api/campaigns", staff, campaignBody("Programmée", Map.of("contactIds", List.of(lea))))
                .json().path("id").asLong();
        Instant at = Instant.now().plusSeconds(3);
        assertThat(api.post("/api/campaigns/" + id + "/schedule", staff, json("at", at.toString())).json().path("status").asText())
                .isEqualTo("SCHEDULED");
        Thread.sleep(1000);
        assertThat(api.get("/api/campaigns/" + id, staff).json().path("status").asText()).as("not before its time").isEqualTo("SCHEDULED");

        await("it is sent", () -> api.get("/api/campaigns/" + id, staff).json().path("status").asText().equals("SENT"));
        assertThat(Instant.now()).isAfterOrEqualTo(at);
        assertThat(api.get("/api/campaigns/" + id + "/stats", staff).json().path("sent").asInt()).isEqualTo(1);
        assertThat(received("lea.roux@dupont-fils.test").getSubject()).isEqualTo("Invitation — Léa, rencontre à Paris");
    }

    static void sendToMailbox(MimeMessage m) throws Exception {
        MailboxKit.sendToMailbox(SMTP_PORT, m);
    }

    @Test
    @Order(7)
    void softBouncesAreCountedAndSuppressTheAddressAtTheLimit() throws Exception {
        MimeMessage sent = received("ines.moreau@dupont-fils.test");
        long ines = api.get("/api/contacts?q=ines.moreau", staff).json().path("items").get(0).path("id").asLong();
        Session session = Session.getInstance(new Properties());
        for (int i = 1; i <= 3; i++) { // mail.soft.bounce.limit is 3 by default
            sendToMailbox(deliveryReport(session, sent.getMessageID(), "ines.moreau@dupont-fils.test", "delayed", "4.2.2", null));
            if (i < 3) {
                Thread.sleep(2500); // one poll
                assertThat(api.get("/api/contacts/" + ines, staff).json().path("emailStatus").asText()).as("after " + i).isEqualTo("SUBSCRIBED");
            }
        }
        await("the address is suppressed", () -> api.get("/api/contacts/" + ines, staff).json().path("emailStatus").asText().equals("BOUNCED"));
        assertThat(api.post("/api/segments/preview", staff, json("segment", Map.of("contactIds", List.of(ines))))
                .json().path("count").asInt()).isZero();
    }
}
