package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.Dkim;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a DKIM key configured, messages carry a DKIM-Signature that a receiver verifies with the
 * public key it would find in DNS: checked here as RFC 6376 says (relaxed/relaxed, rsa-sha256).
 */
@Tag("database")
class CampaignDkimTest {

    static final KeyPair KEYS = keys();
    static GreenMail smtp = start();

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(MailSettings.DEFAULTS
            .withSmtp(new MailServer("127.0.0.1", smtp.getSmtp().getPort(), "", "", "none"))
            .withDkim(new Dkim("ffmas.org", "crm2026", (RSAPrivateKey) KEYS.getPrivate())));

    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static GreenMail start() {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void messagesAreSignedSoThatTheReceiverVerifiesThemWithThePublishedKey() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        api.post("/api/companies", admin, json("legalName", "Signature Conseil", "status", "PARTNER"));
        long id = api.post("/api/campaigns", admin, json("name", "Signée", "subject", "Vœux signés, {{contact.firstName}}",
                "htmlTemplate", "<p>Très   bonne année  à {{company.name}} !</p>", "segment", Map.of("companyStatus", List.of("PARTNER"))))
                .json().path("id").asLong();
        var sent = api.post("/api/campaigns/" + id + "/test", admin, json("to", "verification@exemple.test"));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);

        MimeMessage m = smtp.getReceivedMessages()[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String message = raw.toString(StandardCharsets.ISO_8859_1);
        int split = message.indexOf("\r\n\r\n");
        List<String> headers = unfoldedHeaders(message.substring(0, split + 2));
        String body = message.substring(split + 4);

        String signatureHeader = headers.stream().filter(h -> h.regionMatches(true, 0, "DKIM-Signature:", 0, 15)).findFirst().orElseThrow();
        Map<String, String> tags = tags(signatureHeader.substring(signatureHeader.indexOf(':') + 1));
        assertThat(tags).containsEntry("d", "ffmas.org").containsEntry("s", "crm2026").containsEntry("a", "rsa-sha256")
                .containsEntry("c", "relaxed/relaxed");
        assertThat(tags.get("h").toLowerCase()).contains("from").contains("subject").contains("list-unsubscribe");

        String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(relaxedBody(body).getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(tags.get("bh")).as("body hash").isEqualTo(bodyHash);

        StringBuilder signed = new StringBuilder();
        List<String> remaining = new ArrayList<>(headers);
        for (String name : tags.get("h").split(":")) {
            // the last instance of each named header not already used (RFC 6376 5.4.2)
            for (int i = remaining.size() - 1; i >= 0; i--) {
                String h = remaining.get(i);
                if (h.substring(0, h.indexOf(':')).strip().equalsIgnoreCase(name.strip())) {
                    signed.append(relaxedHeader(h)).append("\r\n");
                    remaining.remove(i);
                    break;
                }
            }
        }
        String withoutB = signatureHeader.replaceAll("(\\bb=)[^;]*", "$1");
        signed.append(relaxedHeader(withoutB));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KEYS.getPublic());
        rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(rsa.verify(Base64.getDecoder().decode(tags.get("b").replaceAll("\\s", "")))).as("signature verified").isTrue();
    }

    static List<String> unfoldedHeaders(String block) {
        List<String> out = new ArrayList<>();
        for (String line : block.split("\r\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "\r\n" + line);
            } else if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    static Map<String, String> tags(String value) {
        Map<String, String> t = new LinkedHashMap<>();
        for (String part : value.replaceAll("\r\n[ \t]+", " ").split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                t.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return t;
    }

    static String relaxedHeader(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip().toLowerCase();
        String value = header.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }

    static String relaxedBody(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replaceAll("[ \t]+", " ").replaceAll(" +$", ""));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines.isEmpty() ? "" : String.join("\r\n", lines) + "\r\n";
    }
}
