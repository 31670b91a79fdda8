package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ffmas.crm.ApiClient.json;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Campaigns over TLS (SMTPS and IMAPS, GreenMail with a certificate made for the test): sent and
 * read when the server's certificate is the trusted one, not sent when it is not. STARTTLS against
 * SubEthaSMTP (GreenMail does not speak it), a server that takes mail only after the upgrade.
 */
@Tag("database")
class CampaignTlsTest {

    static final String MAILBOX_PASSWORD = "boite-tls-2026";
    static final Path DIR = certificate();
    static final List<X509Certificate> TRUSTED = certificates(DIR.resolve("mail.pem"));
    static final GreenMail mail = start();

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(MailSettings.DEFAULTS
            .withSmtp(new MailServer("127.0.0.1", mail.getSmtps().getPort(), "", "", "tls"))
            .withImap(new MailServer("127.0.0.1", mail.getImaps().getPort(), "contact@ffmas.org", MAILBOX_PASSWORD, "tls"), 1)
            .withRate(50).withRetrySeconds(1).withPublicUrl("https://crm.ffmas.test").withTlsTrust(TRUSTED));

    /** A key pair and a self-signed certificate for 127.0.0.1 only, made with the JDK's keytool. */
    static Path certificate() {
        try {
            Path dir = Files.createTempDirectory("mail-tls");
            certificate(dir, "mail", "ip:127.0.0.1");
            certificate(dir, "elsewhere", "dns:mail.ailleurs.test");
            return dir;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <name>.p12} (key and certificate for {@code san}) and {@code <name>.pem} (the certificate) in {@code dir}. */
    static void certificate(Path dir, String name, String san) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "mail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
                "CN=FFMAS test mail server", "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore",
                dir.resolve(name + ".p12").toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "mail", "-keystore", dir.resolve(name + ".p12").toString(), "-storepass", "changeit",
                "-file", dir.resolve(name + ".pem").toString());
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    static List<X509Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream().map(c -> (X509Certificate) c).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static GreenMail start() {
        // GreenMail's servers present the keystore these properties name
        System.setProperty("greenmail.tls.keystore.file", DIR.resolve("mail.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
        GreenMail g = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)});
        g.start();
        g.setUser("contact@ffmas.org", "contact@ffmas.org", MAILBOX_PASSWORD);
        return g;
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 30 s").isTrue();
    }

    @Test
    void aCampaignGoesOutOverTlsAndRepliesAreReadOverTls() throws Exception {
        ApiClient api = crm.client();
        String staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        long company = api.post("/api/companies", staff, json("legalName", "Cabinet Chiffré", "status", "PARTNER")).json().path("id").asLong();
        long contact = api.post("/api/companies/" + company + "/contacts", staff, json("firstName", "Inès", "lastName", "Lefèvre",
                "email", "ines.lefevre@chiffre.test", "emailStatus", "SUBSCRIBED", "consentSource", "salon 2026")).json().path("id").asLong();
        long campaign = api.post("/api/campaigns", staff, json("name", "Lettre chiffrée", "subject", "Bonjour {{contact.firstName}}",
                "htmlTemplate", "<p>Bonjour {{contact.firstName}}, <a href=\"{{unsubscribeUrl}}\">se désinscrire</a></p>",
                "segment", Map.of("contactIds", List.of(contact)))).json().path("id").asLong();
        assertThat(api.post("/api/campaigns/" + campaign + "/send", staff, null).status()).isEqualTo(200);

        await("the message arrives over SMTPS", () -> mail.getReceivedMessages().length == 1);
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Bonjour Inès");
        await("the campaign is sent", () -> api.get("/api/campaigns/" + campaign, staff).json().path("status").asText().equals("SENT"));

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress("ines.lefevre@chiffre.test", "Inès Lefèvre", "UTF-8"));
        reply.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("contact@ffmas.org"));
        reply.setSubject("Re: Bonjour Inès", "UTF-8");
        reply.setText("Merci, bien reçu.", "UTF-8");
        mail.getUserManager().getUser("contact@ffmas.org").deliver(reply);
        await("the reply read over IMAPS is on the timeline", () -> api.get("/api/companies/" + company + "/timeline", staff).json().toString()
                .contains("Re: Bonjour Inès"));
    }

    static OutgoingMail message() {
        return new OutgoingMail("<tls.1@ffmas.org>", "contact@ffmas.org", "FFMAS", null, "test@chiffre.test", "Test", "<p>Test</p>", "Test",
                Map.of());
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsNotSentTo() {
        // the JVM's authorities did not sign the test certificate
        SmtpChannel channel = new SmtpChannel(new MailServer("127.0.0.1", mail.getSmtps().getPort(), "", "", "tls"), Optional.empty(), List.of());
        try {
            assertThatThrownBy(() -> channel.send(message())).isInstanceOf(MailFailure.class).hasMessageContaining("cannot be reached")
                    .satisfies(e -> assertThat(causes(e)).contains("PKIX"));
        } finally {
            channel.close();
        }
    }

    /** An SMTP server that offers STARTTLS with the test certificate (and takes no mail before it when {@code required}). */
    static org.subethamail.smtp.server.SMTPServer startTlsServer(List<String> received, boolean offered) throws Exception {
        return startTlsServer(received, offered, "mail");
    }

    static org.subethamail.smtp.server.SMTPServer startTlsServer(List<String> received, boolean offered, String certificate) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(certificate + ".p12"))) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        org.subethamail.smtp.server.SMTPServer server = org.subethamail.smtp.server.SMTPServer.port(0)
                .bindAddress(java.net.InetAddress.getLoopbackAddress()).enableTLS(offered).requireTLS(offered).hideTLS(!offered)
                .startTlsSocketFactory(context)
                .messageHandler((ctx, from, to, data) -> received.add(new String(data, java.nio.charset.StandardCharsets.UTF_8))).build();
        server.start();
        return server;
    }

    @Test
    void startTlsUpgradesTheConnectionBeforeTheMessage() throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        org.subethamail.smtp.server.SMTPServer server = startTlsServer(received, true);
        SmtpChannel plain = new SmtpChannel(new MailServer("127.0.0.1", server.getPortAllocated(), "", "", "none"), Optional.empty(), List.of());
        SmtpChannel upgraded = new SmtpChannel(new MailServer("127.0.0.1", server.getPortAllocated(), "", "", "starttls"), Optional.empty(), TRUSTED);
        SmtpChannel untrusted = new SmtpChannel(new MailServer("127.0.0.1", server.getPortAllocated(), "", "", "starttls"), Optional.empty(), List.of());
        try {
            // the server takes no mail in clear: what gets through below went over the upgraded connection
            assertThatThrownBy(() -> plain.send(message())).isInstanceOf(MailFailure.class).hasMessageContaining("530");
            assertThat(upgraded.send(message())).startsWith("250");
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).contains("Message-ID: <tls.1@ffmas.org>");
            assertThatThrownBy(() -> untrusted.send(message())).isInstanceOf(MailFailure.class)
                    .satisfies(e -> assertThat(causes(e)).contains("PKIX"));
            assertThat(received).as("nothing handed to a server whose certificate is not trusted").hasSize(1);
        } finally {
            plain.close();
            upgraded.close();
            untrusted.close();
            server.stop();
        }
    }

    @Test
    void aServerThatOffersNoStartTlsIsNotSentToInClear() throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        org.subethamail.smtp.server.SMTPServer server = startTlsServer(received, false);
        SmtpChannel channel = new SmtpChannel(new MailServer("127.0.0.1", server.getPortAllocated(), "", "", "starttls"), Optional.empty(), TRUSTED);
        try {
            assertThatThrownBy(() -> channel.send(message())).isInstanceOf(MailFailure.class)
                    .satisfies(e -> assertThat(causes(e)).containsIgnoringCase("STARTTLS"));
            assertThat(received).isEmpty();
        } finally {
            channel.close();
            server.stop();
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        org.subethamail.smtp.server.SMTPServer server = startTlsServer(received, true, "elsewhere");
        // trusted, but made for mail.ailleurs.test, not for the 127.0.0.1 the platform connects to
        SmtpChannel channel = new SmtpChannel(new MailServer("127.0.0.1", server.getPortAllocated(), "", "", "starttls"), Optional.empty(),
                certificates(DIR.resolve("elsewhere.pem")));
        try {
            assertThatThrownBy(() -> channel.send(message())).isInstanceOf(MailFailure.class)
                    .satisfies(e -> assertThat(causes(e)).contains("127.0.0.1").doesNotContain("PKIX"));
            assertThat(received).isEmpty();
        } finally {
            channel.close();
            server.stop();
        }
    }

    static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
                : t instanceof jakarta.mail.MessagingException m ? m.getNextException() : null) {
            s.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return s.toString();
    }
}
