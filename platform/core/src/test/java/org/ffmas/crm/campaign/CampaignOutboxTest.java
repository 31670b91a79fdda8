package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh install with no mail server: a campaign runs end to end into the outbox folder. */
@Tag("database")
class CampaignOutboxTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    @Test
    void aPausedCampaignStopsAtOnceAndResumesWhereItWasEveryoneGettingItOnce() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        long company = api.post("/api/companies", admin, json("legalName", "Grand Réseau", "status", "IN_DISCUSSION")).json().path("id").asLong();
        int n = 60;
        for (int i = 0; i < n; i++) {
            api.post("/api/companies/" + company + "/contacts", admin, json("firstName", "P" + i, "lastName", "Réseau",
                    "email", "p" + i + "@reseau.test", "emailStatus", "NOT_ASKED"));
        }
        long id = api.post("/api/campaigns", admin, json("name", "Pause", "subject", "Bonjour {{contact.firstName}}",
                "htmlTemplate", "<p>Bonjour</p>", "segment", Map.of("companyStatus", List.of("IN_DISCUSSION")))).json().path("id").asLong();

        api.post("/api/campaigns/" + id + "/send", admin, null);
        Thread.sleep(700); // mail.rate is 20 per second: a dozen are out
        assertThat(api.post("/api/campaigns/" + id + "/pause", admin, null).json().path("status").asText()).isEqualTo("PAUSED");
        Thread.sleep(300);
        int sentAtPause = api.get("/api/campaigns/" + id + "/stats", admin).json().path("sent").asInt();
        Thread.sleep(1500);
        var paused = api.get("/api/campaigns/" + id + "/stats", admin).json();
        assertThat(paused.path("sent").asInt()).as("nothing more goes out while paused").isEqualTo(sentAtPause).isLessThan(n);
        assertThat(paused.path("queued").asInt()).isEqualTo(n - sentAtPause);
        assertThat(api.post("/api/campaigns/" + id + "/pause", admin, null).status()).isEqualTo(409);

        api.post("/api/campaigns/" + id + "/resume", admin, null);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!api.get("/api/campaigns/" + id, admin).json().path("status").asText().equals("SENT") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(api.get("/api/campaigns/" + id + "/stats", admin).json().path("sent").asInt()).isEqualTo(n);
        try (Stream<Path> s = Files.list(crm.dataDir().resolve("outbox"))) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("campaign." + id + ".")).count()).as("one file per recipient").isEqualTo(n);
        }
    }

    @Test
    void withoutSmtpTheMessagesAreWrittenToTheOutboxAsEmlFilesToOpen() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        long company = api.post("/api/companies", admin, json("legalName", "Assistanat Conseil", "status", "PARTNER")).json().path("id").asLong();
        api.post("/api/companies/" + company + "/contacts", admin, json("firstName", "Zoé", "lastName", "Leroy",
                "email", "zoe.leroy@assistanat.test", "emailStatus", "NOT_ASKED"));
        long id = api.post("/api/campaigns", admin, json("name", "Vœux", "subject", "Meilleurs vœux, {{contact.firstName}}",
                "htmlTemplate", "<p>Bonjour {{contact.firstName}},</p><p>Toute l'équipe vous souhaite une belle année.</p>",
                "segment", Map.of("companyStatus", List.of("PARTNER")))).json().path("id").asLong();

        api.post("/api/campaigns/" + id + "/send", admin, null);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!api.get("/api/campaigns/" + id, admin).json().path("status").asText().equals("SENT") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }

        Path outbox = crm.dataDir().resolve("outbox");
        List<Path> files;
        try (Stream<Path> s = Files.list(outbox)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("campaign." + id + ".")).toList();
        }
        assertThat(files).hasSize(1);
        MimeMessage m;
        try (InputStream in = Files.newInputStream(files.get(0))) {
            m = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(m.getSubject()).isEqualTo("Meilleurs vœux, Zoé");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("zoe.leroy@assistanat.test");
        assertThat(m.getHeader("List-Unsubscribe")[0]).contains("http://localhost:8080/u/");
        assertThat(api.get("/api/campaigns/" + id + "/deliveries", admin).json().path("items").get(0).path("smtpReply").asText())
                .startsWith("written to outbox/");
    }
}
