package org.ffmas.crm.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's account used to aim webhooks at the platform's own machine (its database, its admin ports):
 * with no outbound allow-list, nothing is sent there, by address or by a name that resolves there.
 */
class WebhooksOutboundTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(WebhooksPluginTest.pluginUnderTest());

    static WebhookReceiver receiver;

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aReceiverOnThePlatformsOwnMachineGetsNothing() throws Exception {
        receiver = new WebhookReceiver();
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        String byName = "http://localhost:" + receiver.port() + "/hook";
        Answer set = api.call("PUT", "/api/plugins/webhooks/settings", admin,
                json("urls", receiver.url() + "," + byName, "secret", "partage-secret", "maxAttempts", 1));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);

        api.post("/api/companies", admin, json("legalName", "Interne SAS"));

        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode items = api.get("/api/plugins/webhooks/deliveries", admin).json().path("items");
        while (items.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            items = api.get("/api/plugins/webhooks/deliveries", admin).json().path("items");
        }
        assertThat(items).hasSize(2);
        for (JsonNode dead : items) {
            assertThat(dead.path("lastError").asText()).as(dead.path("url").asText())
                    .contains("refused").contains("loopback").contains("http.outboundAllowlist");
        }
        assertThat(receiver.requests).as("the local server received nothing").isEmpty();
    }
}
