package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A campaign is sent only from the domains of {@code mail.allowedFromDomains}: a staff member cannot mail as someone else. */
@Tag("database")
class CampaignSenderDomainTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(new MailSettings(new MailSettings.Sender("contact@ffmas.org", "FFMAS",
            Optional.empty(), List.of("ffmas.org", "asso-ffmas.fr")), MailSettings.DEFAULTS.outgoing(), MailSettings.DEFAULTS.inbox(),
            MailSettings.DEFAULTS.links(), List.of()));

    static ApiClient api;
    static String staff;

    @BeforeAll
    static void staff() {
        api = crm.client();
        staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
    }

    static String campaign(String fromAddress) {
        return json("name", "Expéditeur", "subject", "Bonjour", "htmlTemplate", "<p>Bonjour</p>", "fromAddress", fromAddress,
                "segment", Map.of("companyStatus", List.of("PARTNER")));
    }

    static void refusedNamingFromAddress(Answer a) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(400);
        assertThat(a.header("Content-Type")).contains("application/problem+json");
        JsonNode errors = a.json().path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("fromAddress");
        assertThat(errors.get(0).path("message").asText()).contains("ffmas.org").contains("asso-ffmas.fr");
    }

    @Test
    void aCampaignFromAnotherDomainIsRefusedOnCreateAndOnChange() {
        refusedNamingFromAddress(api.post("/api/campaigns", staff, campaign("president@elysee.fr")));
        refusedNamingFromAddress(api.post("/api/campaigns", staff, campaign("contact@mail.ffmas.org")));
        refusedNamingFromAddress(api.post("/api/campaigns", staff, campaign("contact@ffmas.org.evil.test")));
        assertThat(api.get("/api/campaigns", staff).json().path("total").asInt()).as("nothing created").isZero();

        Answer allowed = api.post("/api/campaigns", staff, campaign("Adhesions@ASSO-FFMAS.fr"));
        assertThat(allowed.status()).as(allowed.raw().body()).isEqualTo(201);
        assertThat(allowed.json().path("fromAddress").asText()).isEqualTo("Adhesions@asso-ffmas.fr");
        long id = allowed.json().path("id").asLong();
        long version = allowed.json().path("version").asLong();

        refusedNamingFromAddress(api.call("PATCH", "/api/campaigns/" + id, staff, json("version", version, "fromAddress", "tresorier@banque.test")));
        assertThat(api.get("/api/campaigns/" + id, staff).json().path("fromAddress").asText()).as("unchanged").isEqualTo("Adhesions@asso-ffmas.fr");
        Answer changed = api.call("PATCH", "/api/campaigns/" + id, staff, json("version", version, "fromAddress", "contact@ffmas.org"));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);

        Answer byDefault = api.post("/api/campaigns", staff, json("name", "Défaut", "subject", "Bonjour", "htmlTemplate", "<p>x</p>",
                "segment", Map.of("companyStatus", List.of("PARTNER"))));
        assertThat(byDefault.json().path("fromAddress").asText()).isEqualTo("contact@ffmas.org");
    }

    @Test
    void theCampaignFormSaysItInFrenchBesideTheField() {
        Answer login = api.post("/api/auth/login", null, json("username", "admin", "password", TestPlatform.ADMIN_PASSWORD));
        String cookie = "crm_session=" + login.json().path("token").asText();
        Map<String, String> form = Map.of("csrf", login.json().path("csrfToken").asText(), "name", "Formulaire", "subject", "Bonjour",
                "htmlTemplate", "<p>Bonjour</p>", "companyStatus", "PARTNER", "fromAddress", "contact@autre-federation.test");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Answer page = api.send(api.request("/campaigns").header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.raw().body()).containsPattern("<p class=\"error\" id=\"fromAddress-error\">doit être une adresse de l(&#39;|')un des "
                + "domaines autorisés : ffmas.org, asso-ffmas.fr</p>");
        assertThat(page.raw().body()).as("what was typed is kept").contains("value=\"contact@autre-federation.test\"");
        assertThat(api.get("/api/campaigns?size=100", staff).json().path("items").findValuesAsText("name")).doesNotContain("Formulaire");
    }
}
