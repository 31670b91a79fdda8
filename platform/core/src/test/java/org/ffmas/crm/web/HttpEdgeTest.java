package org.ffmas.crm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.HttpSettings;
import org.ffmas.crm.testkit.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every answer carries and what no request may push through, on a platform that trusts no
 * proxy: security headers, no versions, bounded bodies, forwarded headers ignored, no Host echoed.
 */
class HttpEdgeTest {

    static final long MAX_JSON = 4096;
    static final long MAX_UPLOAD = 64 * 1024;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withHttp(new HttpSettings("127.0.0.1", 0).withLimits(MAX_JSON, MAX_UPLOAD));

    static ApiClient api;
    static String admin;
    static int port;

    @BeforeAll
    static void login() {
        api = crm.client();
        admin = crm.adminToken();
        port = crm.platform().httpPort();
    }

    static void assertSecurityHeaders(String what, UnaryOperator<String> header) {
        assertThat(header.apply("Content-Security-Policy")).as(what).contains("script-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("'unsafe-eval'");
        assertThat(header.apply("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(header.apply("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(header.apply("Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertThat(header.apply("Permissions-Policy")).as(what).contains("camera=()");
        assertThat(header.apply("Server")).as(what + ": no server name nor version").isNull();
        assertThat(header.apply("X-Powered-By")).as(what).isNull();
    }

    static RawHttp.Answer send(String head, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(port, head + "\r\nContent-Length: " + bytes.length, bytes);
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeadersAndNoVersion() throws Exception {
        Answer apiAnswer = api.get("/api/companies", admin);
        assertThat(apiAnswer.status()).isEqualTo(200);
        assertSecurityHeaders("an API answer", apiAnswer::header);
        Answer page = api.send(api.request("/login"));
        assertThat(page.status()).isEqualTo(200);
        assertSecurityHeaders("a staff page", page::header);
        Answer missing = api.get("/api/nowhere", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertSecurityHeaders("a 404", missing::header);
        // refused by Jetty before any resource: a path escaping the root
        RawHttp.Answer container = RawHttp.exchange(port, "GET /api/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: localhost", new byte[0]);
        assertThat(container.status()).isEqualTo(400);
        assertThat(container.header("Content-Type")).startsWith("application/problem+json");
        assertSecurityHeaders("an answer of the container", container::header);

        Answer health = api.send(api.request("/health"));
        assertThat(health.raw().body()).as("the public health answer names no version")
                .doesNotContainPattern("\\d+\\.\\d+\\.\\d+").doesNotContain("Jetty").contains("MariaDB");
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        // a declared length over the limit and no body at all: the answer comes without waiting for it
        RawHttp.Answer declared = RawHttp.exchange(port, "POST /api/companies HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (50L << 20), new byte[0]);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.header("Content-Type")).startsWith("application/problem+json");
        assertThat(declared.body()).contains("\"status\":413");

        // no length, chunked: cut off at the limit while read
        byte[] big = ("{\"name\":\"" + "x".repeat((int) MAX_JSON * 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer chunked = RawHttp.exchange(port, "POST /api/companies HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked(big));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.body()).contains("\"status\":413").doesNotContain("Exception");

        Answer small = api.post("/api/companies", admin, json("legalName", "Sous la limite SA"));
        assertThat(small.status()).as("a body under the limit goes through").isEqualTo(201);
    }

    @Test
    void anUploadOverItsLimitIsRefusedAndOneUnderItIsNot() throws Exception {
        RawHttp.Answer declared = RawHttp.exchange(port, "POST /api/imports?entity=companies&fileName=big.csv HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + admin + "\r\nContent-Type: text/csv\r\nContent-Length: " + (MAX_UPLOAD + 1), new byte[0]);
        assertThat(declared.status()).isEqualTo(413);

        byte[] csv = ("name\n" + "Entreprise\n".repeat(1000)).getBytes(StandardCharsets.UTF_8);
        assertThat((long) csv.length).as("over the JSON limit, under the upload one").isBetween(MAX_JSON, MAX_UPLOAD);
        Answer accepted = api.send(api.request("/api/imports?entity=companies&fileName=ok.csv").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);

        byte[] tooBig = new byte[(int) MAX_UPLOAD * 2];
        Arrays.fill(tooBig, (byte) 'a');
        RawHttp.Answer chunked = RawHttp.exchange(port, "POST /api/imports?entity=companies&fileName=big.csv HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + admin + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked", chunked(tooBig));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        RawHttp.Answer login = send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Forwarded-For: 203.0.113.66\r\nX-Forwarded-Proto: https", json("username", "untrusted-peer", "password", "nope"));
        assertThat(login.status()).isEqualTo(401);
        Answer audit = api.get("/api/audit?action=auth.login.failure", admin);
        assertThat(audit.json().path("items").toString()).as("the audit has the real peer, not the claimed one")
                .contains("127.0.0.1").doesNotContain("203.0.113.66");
    }

    @Test
    void theHostHeaderIsNeverEchoedIntoALocation() throws Exception {
        RawHttp.Answer created = send("POST /api/campaigns HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json", "{\"name\":\"Lettre d'hiver\",\"subject\":\"Bonjour\",\"htmlTemplate\":\"<p>Bonjour</p>\","
                + "\"segment\":{\"companyStatus\":[\"PARTNER\"]}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).startsWith("/api/campaigns/").doesNotContain("evil");

        RawHttp.Answer page = RawHttp.exchange(port, "GET /companies HTTP/1.1\r\nHost: evil.example", new byte[0]);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).startsWith("/login").doesNotContain("evil");
    }

    static byte[] chunked(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < data.length; at += 1000) {
            int n = Math.min(1000, data.length - at);
            out.append(Integer.toHexString(n)).append("\r\n").append(new String(data, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        out.append("0\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
