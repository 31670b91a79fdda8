package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.testkit.PluginJarBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mail.transport} names a plugin's {@code MailTransport} (an e-mail service's API): the
 * campaign goes through it, from a real plugin jar, instead of SMTP. Its refusals fail the
 * delivery with its reason.
 */
@Tag("database")
class CampaignPluginTransportTest {

    static Path pluginsDir;
    static Path spool;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginsDir = plugin()).withMail(new MailSettings(
            new MailSettings.Sender("contact@ffmas.org", "FFMAS", Optional.empty()), new MailSettings.Outgoing(Optional.empty(), "spool", 100, 1, 1),
            new MailSettings.Inbox(Optional.empty(), "INBOX", 60, 3), new MailSettings.Links("https://crm.ffmas.test", ""), List.of()));

    static Path plugin() {
        try {
            Path dir = Files.createTempDirectory("mail-plugin");
            spool = Files.createTempDirectory("mail-spool");
            PluginJarBuilder.plugin("spool-mail", "1.0.0", "demo.spool.Main")
                    .source("demo.spool.Main", "package demo.spool; public class Main extends org.ffmas.crm.api.CrmPlugin {}")
                    .source("demo.spool.Spool", """
                            package demo.spool;
                            import org.ffmas.crm.api.PluginContext;
                            import org.ffmas.crm.api.model.OutgoingMail;
                            @org.pf4j.Extension
                            public class Spool implements org.ffmas.crm.api.extension.MailTransport {
                                public String name() { return "spool"; }
                                public void send(OutgoingMail m, PluginContext ctx) throws Exception {
                                    if (m.to().startsWith("refuse")) {
                                        throw new IllegalArgumentException("recipient on the service's block list");
                                    }
                                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s").resolve(m.to() + ".txt"),
                                            m.subject() + "\\n" + m.headers().get("List-Unsubscribe") + "\\n" + m.text());
                                }
                            }
                            """.formatted(spool.toString().replace("\\", "/")))
                    .buildInto(dir);
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCampaignGoesThroughThePluginsTransport() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        long company = api.post("/api/companies", admin, json("legalName", "Service Courrier", "status", "PARTNER")).json().path("id").asLong();
        api.post("/api/companies/" + company + "/contacts", admin, json("firstName", "Léa", "lastName", "Roux",
                "email", "lea.roux@courrier.test", "emailStatus", "NOT_ASKED"));
        api.post("/api/companies/" + company + "/contacts", admin, json("firstName", "Marc", "lastName", "Refus",
                "email", "refuse@courrier.test", "emailStatus", "NOT_ASKED"));
        long id = api.post("/api/campaigns", admin, json("name", "Via le service", "subject", "Bonjour {{contact.firstName}}",
                "htmlTemplate", "<p>Bonjour {{contact.firstName}}</p>", "segment", Map.of("companyStatus", List.of("PARTNER"))))
                .json().path("id").asLong();

        api.post("/api/campaigns/" + id + "/send", admin, null);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!api.get("/api/campaigns/" + id, admin).json().path("status").asText().equals("SENT") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }

        String spooled = Files.readString(spool.resolve("lea.roux@courrier.test.txt"));
        assertThat(spooled).startsWith("Bonjour Léa").contains("https://crm.ffmas.test/u/");
        var stats = api.get("/api/campaigns/" + id + "/stats", admin).json();
        assertThat(stats.path("sent").asInt()).isEqualTo(1);
        assertThat(stats.path("failed").asInt()).isEqualTo(1);
        assertThat(api.get("/api/campaigns/" + id + "/deliveries?status=FAILED", admin).json().path("items").get(0).path("smtpReply").asText())
                .contains("block list");
    }
}
