package org.ffmas.crm.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.common.AddressRange;

/**
 * The typed, validated settings the platform starts with, in small groups each read by the
 * module it concerns.
 *
 * @param http where the HTTP server listens
 * @param database the MariaDB server to use (empty: the embedded one) and the pool's size
 * @param folders where data, plugins, their settings and the site's routes are
 * @param adminPassword password of the first {@code admin} account; empty means generate one
 * @param auth sessions and login throttling
 * @param agreements tiers, the agreements' calendar and the federation's identity on tax receipts
 * @param sync how often connectors run and how they retry
 * @param mail campaigns' sender, rate, SMTP and bounce mailbox
 */
public record PlatformSettings(
        HttpSettings http,
        DatabaseSettings database,
        Folders folders,
        Optional<String> adminPassword,
        AuthSettings auth,
        AgreementSettings agreements,
        SyncSettings sync,
        MailSettings mail) {

    /**
     * The HTTP server and the bounds on what goes in and out through it.
     *
     * @param host the address listened on ({@code 127.0.0.1} by default: production sits behind a proxy)
     * @param port the port (0: a free one)
     * @param trustedProxies the proxies whose {@code X-Forwarded-*} headers are believed; from any other peer they are ignored
     * @param maxJsonBytes the largest JSON or form body accepted (413 above)
     * @param maxUploadBytes the largest file upload accepted (413 above)
     * @param outboundAllowlist hosts or address blocks that outbound calls may reach although they are loopback, private or link-local
     */
    public record HttpSettings(String host, int port, List<AddressRange> trustedProxies, long maxJsonBytes, long maxUploadBytes,
            List<String> outboundAllowlist) {
        public static final long DEFAULT_MAX_JSON_BYTES = 1L << 20;
        public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L << 20;

        public HttpSettings {
            trustedProxies = List.copyOf(trustedProxies);
            outboundAllowlist = List.copyOf(outboundAllowlist);
        }

        /** Listening there, with the default bounds, no trusted proxy and no outbound exception. */
        public HttpSettings(String host, int port) {
            this(host, port, List.of(), DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_UPLOAD_BYTES, List.of());
        }

        public HttpSettings withTrustedProxies(List<AddressRange> proxies) {
            return new HttpSettings(host, port, proxies, maxJsonBytes, maxUploadBytes, outboundAllowlist);
        }

        public HttpSettings withLimits(long jsonBytes, long uploadBytes) {
            return new HttpSettings(host, port, trustedProxies, jsonBytes, uploadBytes, outboundAllowlist);
        }

        public HttpSettings withOutboundAllowlist(List<String> allowed) {
            return new HttpSettings(host, port, trustedProxies, maxJsonBytes, maxUploadBytes, allowed);
        }
    }

    /**
     * @param external the MariaDB server to use; empty means the embedded database
     * @param poolSize the most pooled connections
     * @param timeoutSeconds how long getting a connection or running one statement may take before the caller is told the database is unavailable
     */
    public record DatabaseSettings(Optional<ExternalDatabase> external, int poolSize, int timeoutSeconds) {
        public static final int DEFAULT_TIMEOUT_SECONDS = 5;

        /** With the default connection and query timeout. */
        public DatabaseSettings(Optional<ExternalDatabase> external, int poolSize) {
            this(external, poolSize, DEFAULT_TIMEOUT_SECONDS);
        }
    }

    /**
     * @param data the platform's data folder (embedded database, documents, inbox...)
     * @param plugins folder plugins are loaded from
     * @param pluginsConfig folder of the plugins' settings files, {@code <id>.properties}
     * @param routes folder of the site's Camel YAML routes
     */
    public record Folders(Path data, Path plugins, Path pluginsConfig, Path routes) {}

    /**
     * @param intervalSeconds how often each connector runs on its own; 0 for only on request
     * @param retries how many times a failed call to the external system is tried again within a run
     * @param backoffMillis wait before the first retry, doubled at each next one
     */
    public record SyncSettings(int intervalSeconds, int retries, long backoffMillis) {
        public static final SyncSettings DEFAULTS = new SyncSettings(900, 3, 2000);
    }

    /** DKIM signing: the domain (d=), the selector (s=) and the RSA private key (PKCS#8, PEM or DER). */
    public record Dkim(String domain, String selector, RSAPrivateKey key) {
        @Override
        public String toString() {
            return "Dkim[d=" + domain + ", s=" + selector + "]";
        }
    }

    /** How to reach a mail server; {@code tls} is none, starttls or tls. */
    public record MailServer(String host, int port, String user, String password, String tls) {
        @Override
        public String toString() {
            return "MailServer[" + host + ":" + port + ", user=" + user + ", tls=" + tls + "]";
        }
    }

    /**
     * The campaigns' mail, in groups each read by the part of campaigns it concerns.
     *
     * @param sender who campaigns come from, and the key they are signed with
     * @param outgoing how messages leave: server or plugin transport, rate, connections, retries
     * @param inbox the mailbox bounces and replies arrive in, and when a bouncing address is suppressed
     * @param links how recipients reach the platform from a message (unsubscribe links)
     * @param tlsTrust the certificates the SMTP and IMAP servers must chain to, instead of the JVM's authorities; empty for the JVM's
     */
    public record MailSettings(Sender sender, Outgoing outgoing, Inbox inbox, Links links, List<X509Certificate> tlsTrust) {

        public static final MailSettings DEFAULTS = new MailSettings(new Sender("contact@ffmas.org", "FFMAS", Optional.empty()),
                new Outgoing(Optional.empty(), "", 20, 2, 60), new Inbox(Optional.empty(), "INBOX", 60, 3),
                new Links("http://localhost:8080", ""), List.of());

        /**
         * @param from the campaigns' sender address
         * @param fromName the sender's name when a campaign gives none
         * @param dkim the key campaigns are signed with; empty for no DKIM signature
         * @param allowedFromDomains the domains a campaign's sender address may be in (lower case)
         */
        public record Sender(String from, String fromName, Optional<Dkim> dkim, List<String> allowedFromDomains) {
            public Sender {
                allowedFromDomains = List.copyOf(allowedFromDomains);
            }

            /** Allowing only the domain of {@code from}. */
            public Sender(String from, String fromName, Optional<Dkim> dkim) {
                this(from, fromName, dkim, List.of(from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)));
            }
        }

        /**
         * @param smtp the outgoing server; empty writes messages to {@code <data>/outbox/} as .eml files
         * @param transport the name of a plugin's mail transport to send through instead of SMTP; empty for SMTP
         * @param rate messages sent per second at most
         * @param connections how many connections to the SMTP server send at once (the rate still holds for all)
         * @param retrySeconds wait before a message the server turned away for now is tried again, doubled at each attempt
         * @param testSendsPerHour how many test messages one staff user may send in an hour
         */
        public record Outgoing(Optional<MailServer> smtp, String transport, double rate, int connections, int retrySeconds,
                int testSendsPerHour) {
            public static final int DEFAULT_TEST_SENDS_PER_HOUR = 20;

            /** With the default limit on test sends. */
            public Outgoing(Optional<MailServer> smtp, String transport, double rate, int connections, int retrySeconds) {
                this(smtp, transport, rate, connections, retrySeconds, DEFAULT_TEST_SENDS_PER_HOUR);
            }
        }

        /**
         * @param imap the mailbox bounces and replies arrive in; empty to not read one
         * @param folder the folder read in that mailbox
         * @param pollSeconds how often the mailbox is read
         * @param softBounceLimit soft bounces after which an address is suppressed
         */
        public record Inbox(Optional<MailServer> imap, String folder, int pollSeconds, int softBounceLimit) {}

        /**
         * @param publicUrl the platform's address as recipients reach it, for unsubscribe links
         * @param secret key of the unsubscribe links' and bounce tags' signatures; empty to use the one generated in the database
         */
        public record Links(String publicUrl, String secret) {}

        public MailSettings withSmtp(MailServer server) {
            return new MailSettings(sender, new Outgoing(Optional.of(server), outgoing.transport(), outgoing.rate(), outgoing.connections(),
                    outgoing.retrySeconds(), outgoing.testSendsPerHour()), inbox, links, tlsTrust);
        }

        public MailSettings withImap(MailServer server, int pollSeconds) {
            return new MailSettings(sender, outgoing, new Inbox(Optional.of(server), inbox.folder(), pollSeconds, inbox.softBounceLimit()),
                    links, tlsTrust);
        }

        public MailSettings withRetrySeconds(int seconds) {
            return new MailSettings(sender, new Outgoing(outgoing.smtp(), outgoing.transport(), outgoing.rate(), outgoing.connections(),
                    seconds, outgoing.testSendsPerHour()), inbox, links, tlsTrust);
        }

        public MailSettings withPublicUrl(String url) {
            return new MailSettings(sender, outgoing, inbox, new Links(url, links.secret()), tlsTrust);
        }

        public MailSettings withDkim(Dkim key) {
            return new MailSettings(new Sender(sender.from(), sender.fromName(), Optional.of(key), sender.allowedFromDomains()), outgoing, inbox, links, tlsTrust);
        }

        public MailSettings withSmtpConnections(int connections) {
            return new MailSettings(sender, new Outgoing(outgoing.smtp(), outgoing.transport(), outgoing.rate(), connections,
                    outgoing.retrySeconds(), outgoing.testSendsPerHour()), inbox, links, tlsTrust);
        }

        public MailSettings withTlsTrust(List<X509Certificate> certificates) {
            return new MailSettings(sender, outgoing, inbox, links, List.copyOf(certificates));
        }

        public MailSettings withRate(double perSecond) {
            return new MailSettings(sender, new Outgoing(outgoing.smtp(), outgoing.transport(), perSecond, outgoing.connections(),
                    outgoing.retrySeconds(), outgoing.testSendsPerHour()), inbox, links, tlsTrust);
        }
    }

    /** Who issues tax receipts: the federation's identity as the receipt must show it. */
    public record ReceiptIssuer(String name, String address, String object, String quality, String signatory, String place) {
        public static final ReceiptIssuer UNSET = new ReceiptIssuer(
                "Fédération française des métiers de l'assistanat et du secrétariat (FFMAS)", "", "", "Association d'intérêt général", "", "Paris");
    }

    /**
     * @param tiers tier name → its default amount in cents, in the order staff see them
     * @param calendarSeconds how often the scheduled route activates and expires agreements
     * @param reminderDays how many days before an end date a renewal task goes on the timeline
     * @param receiptIssuer the federation's identity on tax receipts
     */
    public record AgreementSettings(Map<String, Long> tiers, int calendarSeconds, List<Integer> reminderDays, ReceiptIssuer receiptIssuer) {
        public static final AgreementSettings DEFAULTS = new AgreementSettings(
                new LinkedHashMap<>(Map.of("OR", 500_000L, "ARGENT", 250_000L, "BRONZE", 100_000L)), 3600, List.of(90, 30));

        /** With the receipt issuer not set up (receipts refused until it is). */
        public AgreementSettings(Map<String, Long> tiers, int calendarSeconds, List<Integer> reminderDays) {
            this(tiers, calendarSeconds, reminderDays, ReceiptIssuer.UNSET);
        }

        public AgreementSettings withReceiptIssuer(ReceiptIssuer issuer) {
            return new AgreementSettings(tiers, calendarSeconds, reminderDays, issuer);
        }
    }

    /**
     * Login sessions and the brakes on guessing passwords.
     *
     * @param sessionHours how long a login lasts
     * @param slowdownAfter failed logins (per username or per address) after which each wrong answer is delayed
     * @param lockoutAfter failed logins after which further attempts are refused (answered as a wrong password)
     * @param lockoutMinutes how long a first lockout lasts (doubled at each one in a row), and the window failures are counted in
     * @param loginConcurrency how many password checks run at once; a login beyond that is answered 429 at once
     */
    public record AuthSettings(int sessionHours, int slowdownAfter, int lockoutAfter, int lockoutMinutes, int loginConcurrency) {
        public static final int DEFAULT_LOGIN_CONCURRENCY = 4;
        public static final AuthSettings DEFAULTS = new AuthSettings(10, 3, 10, 15);

        /** With the default number of password checks run at once. */
        public AuthSettings(int sessionHours, int slowdownAfter, int lockoutAfter, int lockoutMinutes) {
            this(sessionHours, slowdownAfter, lockoutAfter, lockoutMinutes, DEFAULT_LOGIN_CONCURRENCY);
        }
    }

    /** A running MariaDB server named by {@code CRM_DB_URL}. */
    public record ExternalDatabase(String url, String user, String password) {
        @Override
        public String toString() {
            return "ExternalDatabase[url=" + url + ", user=" + user + ", password=***]";
        }
    }

    @Override
    public String toString() {
        return "httpHost=" + http.host() + ", httpPort=" + http.port() + ", dataDir=" + folders.data()
                + ", database=" + database.external().map(ExternalDatabase::url).orElse("embedded")
                + ", dbPoolSize=" + database.poolSize() + ", pluginsDir=" + folders.plugins();
    }
}
