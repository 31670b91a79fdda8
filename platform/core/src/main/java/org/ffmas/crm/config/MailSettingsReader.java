package org.ffmas.crm.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ffmas.crm.config.PlatformSettings.Dkim;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;

/** The campaigns' mail settings: sender, public address, SMTP and IMAP servers, DKIM key, trusted certificates. */
final class MailSettingsReader {

    private MailSettingsReader() {}

    static MailSettings read(SettingValues values) {
        String from = values.text(Setting.MAIL_FROM);
        if (!from.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
            throw values.problem(Setting.MAIL_FROM, "is not an e-mail address such as contact@ffmas.org");
        }
        String fromName = values.text(Setting.MAIL_FROM_NAME);
        if (fromName.isBlank() || fromName.matches(".*[\\r\\n].*")) {
            throw values.problem(Setting.MAIL_FROM_NAME, "must be a name on one line");
        }
        double rate;
        try {
            rate = Double.parseDouble(values.text(Setting.MAIL_RATE));
        } catch (NumberFormatException e) {
            throw values.problem(Setting.MAIL_RATE, "is not a number; expected messages per second, e.g. 20");
        }
        if (!(rate >= 0.1 && rate <= 10_000)) {
            throw values.problem(Setting.MAIL_RATE, "is out of range; expected between 0.1 and 10000 messages per second");
        }
        String publicUrl = values.text(Setting.PUBLIC_URL).replaceAll("/+$", "");
        try {
            URI uri = new URI(publicUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(publicUrl, "not http(s)");
            }
        } catch (URISyntaxException e) {
            throw values.problem(Setting.PUBLIC_URL, "is not an http(s) address such as https://crm.ffmas.org");
        }
        Optional<MailServer> smtp = server(values, Setting.SMTP_HOST, Setting.SMTP_PORT, Setting.SMTP_USER,
                Setting.SMTP_PASSWORD, Setting.SMTP_TLS);
        Optional<MailServer> imap = server(values, Setting.IMAP_HOST, Setting.IMAP_PORT, Setting.IMAP_USER,
                Setting.IMAP_PASSWORD, Setting.IMAP_TLS);
        if (imap.isPresent() && imap.get().user().isBlank()) {
            throw values.problem(Setting.IMAP_USER, "is required when imap.host is set");
        }
        String folder = values.text(Setting.IMAP_FOLDER);
        if (folder.isBlank()) {
            throw values.problem(Setting.IMAP_FOLDER, "must name a mailbox folder, e.g. INBOX");
        }
        return new MailSettings(new MailSettings.Sender(from, fromName, dkim(values), allowedFromDomains(values, from)),
                new MailSettings.Outgoing(smtp, values.text(Setting.MAIL_TRANSPORT), rate,
                        values.integer(Setting.SMTP_CONNECTIONS, 1, 10, "a number of connections between 1 and 10"),
                        values.integer(Setting.MAIL_RETRY_SECONDS, 1, 86_400, "a number of seconds between 1 and 86400"),
                        values.integer(Setting.MAIL_TEST_SENDS_PER_HOUR, 1, 10_000, "a number of test messages per user and hour between 1 and 10000")),
                new MailSettings.Inbox(imap, folder, values.integer(Setting.IMAP_POLL_SECONDS, 1, 86_400, "a number of seconds between 1 and 86400"),
                        values.integer(Setting.MAIL_SOFT_BOUNCE_LIMIT, 1, 100, "a number of soft bounces between 1 and 100")),
                new MailSettings.Links(publicUrl, values.text(Setting.MAIL_SECRET)), tlsTrust(values));
    }

    /** The domains campaigns may be sent from: the setting's, else the domain of {@code mail.from}. */
    private static List<String> allowedFromDomains(SettingValues values, String from) {
        List<String> domains = values.list(Setting.MAIL_ALLOWED_FROM_DOMAINS).stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        for (String domain : domains) {
            if (!domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                throw values.problem(Setting.MAIL_ALLOWED_FROM_DOMAINS, "is not a list of mail domains such as ffmas.org,news.ffmas.org: '" + domain + "'");
            }
        }
        return domains.isEmpty() ? List.of(from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)) : domains;
    }

    /** The certificates a PEM file names, for mail servers whose certificate the JVM's authorities did not sign. */
    private static List<X509Certificate> tlsTrust(SettingValues values) {
        String file = values.text(Setting.MAIL_TLS_TRUST);
        if (file.isBlank()) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(values.path(file))) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in).stream().map(c -> (X509Certificate) c).toList();
            if (certificates.isEmpty()) {
                throw values.problem(Setting.MAIL_TLS_TRUST, "holds no certificate (a PEM file of \"BEGIN CERTIFICATE\" blocks)");
            }
            return certificates;
        } catch (IOException e) {
            throw values.problem(Setting.MAIL_TLS_TRUST, "cannot be read: " + SettingValues.reason(e));
        } catch (CertificateException e) {
            throw values.problem(Setting.MAIL_TLS_TRUST, "is not a PEM file of X.509 certificates");
        }
    }

    private static Optional<Dkim> dkim(SettingValues values) {
        String domain = values.text(Setting.MAIL_DKIM_DOMAIN);
        String selector = values.text(Setting.MAIL_DKIM_SELECTOR);
        String keyFile = values.text(Setting.MAIL_DKIM_KEY_FILE);
        if (domain.isBlank() && selector.isBlank() && keyFile.isBlank()) {
            return Optional.empty();
        }
        if (!domain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw values.problem(Setting.MAIL_DKIM_DOMAIN, "is not a domain such as ffmas.org (DKIM needs the domain, the selector and the key file)");
        }
        if (!selector.matches("[A-Za-z0-9._-]+")) {
            throw values.problem(Setting.MAIL_DKIM_SELECTOR, "is not a DKIM selector such as crm2026");
        }
        if (keyFile.isBlank()) {
            throw values.problem(Setting.MAIL_DKIM_KEY_FILE, "must name the RSA private key file (PKCS#8, PEM or DER)");
        }
        try {
            byte[] bytes = Files.readAllBytes(values.path(keyFile));
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN PRIVATE KEY-----")) {
                bytes = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(bytes));
            return Optional.of(new Dkim(domain, selector, (RSAPrivateKey) key));
        } catch (IOException e) {
            throw values.problem(Setting.MAIL_DKIM_KEY_FILE, "cannot be read: " + SettingValues.reason(e));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw values.problem(Setting.MAIL_DKIM_KEY_FILE, "is not an RSA private key in PKCS#8 (PEM \"BEGIN PRIVATE KEY\" or DER)");
        }
    }

    private static Optional<MailServer> server(SettingValues values, Setting host, Setting port, Setting user,
                                                              Setting password, Setting tls) {
        String h = values.text(host);
        if (h.isBlank()) {
            return Optional.empty();
        }
        if (!h.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
            throw values.problem(host, "is not a host name or address");
        }
        String t = values.text(tls).toLowerCase(Locale.ROOT);
        if (!Set.of("none", "starttls", "tls").contains(t)) {
            throw values.problem(tls, "is not one of none, starttls, tls");
        }
        return Optional.of(new MailServer(h, values.integer(port, 1, 65535, "a TCP port between 1 and 65535"),
                values.text(user), values.text(password), t));
    }
}
