package org.ffmas.crm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.common.AddressRange;
import org.ffmas.crm.config.PlatformSettings.HttpSettings;
import org.ffmas.crm.testkit.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The platform behind a proxy it trusts (127.0.0.1, where the tests connect from). */
class BehindAProxyTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform()
            .withHttp(new HttpSettings("127.0.0.1", 0).withTrustedProxies(List.of(AddressRange.parse("127.0.0.1"))));

    static RawHttp.Answer login(String user, String password, String forwarded) throws Exception {
        byte[] body = json("username", user, "password", password).getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(crm.platform().httpPort(), "POST /api/auth/login HTTP/1.1\r\nHost: crm.ffmas.org\r\nContent-Type: application/json"
                + forwarded + "\r\nContent-Length: " + body.length, body);
    }

    static String auditAddresses(String username) {
        Answer audit = crm.client().get("/api/audit?action=auth.login.failure&size=200", crm.adminToken());
        StringBuilder out = new StringBuilder();
        audit.json().path("items").forEach(e -> {
            if (e.path("details").asText().contains(username)) {
                out.append(e.path("address").asText()).append(' ');
            }
        });
        return out.toString().trim();
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() throws Exception {
        // the client forged a first hop; our proxy appended the address it really saw
        login("spoofed-chain", "wrong", "\r\nX-Forwarded-For: 10.9.9.9, 198.51.100.23");
        assertThat(auditAddresses("spoofed-chain")).isEqualTo("198.51.100.23");

        login("through-two-proxies", "wrong", "\r\nX-Forwarded-For: 198.51.100.24, 127.0.0.1");
        assertThat(auditAddresses("through-two-proxies")).as("a trusted hop is skipped").isEqualTo("198.51.100.24");

        login("garbage-hop", "wrong", "\r\nX-Forwarded-For: <script>, 198.51.100.25");
        assertThat(auditAddresses("garbage-hop")).isEqualTo("198.51.100.25");

        login("no-header", "wrong", "");
        assertThat(auditAddresses("no-header")).isEqualTo("127.0.0.1");
    }

    @Test
    void cookiesAreSecureWhenTheClientCameOverHttps() throws Exception {
        RawHttp.Answer https = login("admin", TestPlatform.ADMIN_PASSWORD, "\r\nX-Forwarded-For: 198.51.100.30\r\nX-Forwarded-Proto: https");
        assertThat(https.status()).as(https.body()).isEqualTo(200);
        assertThat(https.head()).containsPattern("(?i)Set-Cookie: [^\\r\\n]*;\\s*Secure");

        RawHttp.Answer http = login("admin", TestPlatform.ADMIN_PASSWORD, "\r\nX-Forwarded-For: 198.51.100.31\r\nX-Forwarded-Proto: http");
        assertThat(http.status()).isEqualTo(200);
        assertThat(http.head()).contains("Set-Cookie").doesNotContainPattern("(?i);\\s*Secure");
    }
}
