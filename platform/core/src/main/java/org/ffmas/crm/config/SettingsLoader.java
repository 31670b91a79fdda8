package org.ffmas.crm.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;

/**
 * Reads the settings: built-in defaults, then {@code config/platform.properties} (or the file
 * named by {@code CRM_CONFIG}), then {@code CRM_*} environment variables, each overriding the
 * one before. Every value is checked here, so that a bad one stops the start with a message
 * naming it rather than failing later somewhere deep.
 */
public final class SettingsLoader {

    /** Environment variable naming another configuration file. */
    public static final String CONFIG_FILE_ENV = "CRM_CONFIG";

    static final Path DEFAULT_CONFIG_FILE = Path.of("config", "platform.properties");

    private final Map<String, String> env;
    private final Path workingDir;
    private final Path defaultPluginsDir;

    /**
     * @param env the environment variables to read ({@code System.getenv()} in production)
     * @param workingDir folder relative paths are resolved against
     * @param defaultPluginsDir plugins folder when {@code CRM_PLUGINS_DIR} is not set
     */
    public SettingsLoader(Map<String, String> env, Path workingDir, Path defaultPluginsDir) {
        this.env = Map.copyOf(env);
        this.workingDir = workingDir.toAbsolutePath();
        this.defaultPluginsDir = defaultPluginsDir;
    }

    /** Where a value came from, to tell the user which one to fix. */
    private record Value(String text, String source) {}

    public PlatformSettings load() {
        Map<Setting, Value> values = resolve();
        String host = text(values, Setting.HTTP_HOST);
        if (host.isBlank()) {
            throw problem(values, Setting.HTTP_HOST, "must not be empty; use 0.0.0.0 to listen on every address");
        }
        int port = integer(values, Setting.HTTP_PORT, 0, 65535, "a TCP port between 0 and 65535 (0 picks a free one)");
        Path dataDir = writableDirectory(values, Setting.DATA_DIR);
        int poolSize = integer(values, Setting.DB_POOL_SIZE, 1, 200, "a pool size between 1 and 200");
        Optional<ExternalDatabase> db = externalDatabase(values);
        String adminPassword = text(values, Setting.ADMIN_PASSWORD);
        String pluginsText = text(values, Setting.PLUGINS_DIR);
        Path pluginsDir = pluginsText.isBlank() ? defaultPluginsDir : workingDir.resolve(pluginsText).normalize();
        PlatformSettings.AuthSettings auth = new PlatformSettings.AuthSettings(
                integer(values, Setting.AUTH_SESSION_HOURS, 1, 24 * 30, "a number of hours between 1 and 720"),
                integer(values, Setting.AUTH_SLOWDOWN_AFTER, 1, 1000, "a number of failed logins between 1 and 1000"),
                integer(values, Setting.AUTH_LOCKOUT_AFTER, 1, 1000, "a number of failed logins between 1 and 1000"),
                integer(values, Setting.AUTH_LOCKOUT_MINUTES, 1, 24 * 60, "a number of minutes between 1 and 1440"));
        return new PlatformSettings(new PlatformSettings.HttpSettings(host.trim(), port), new PlatformSettings.DatabaseSettings(db, poolSize),
                new PlatformSettings.Folders(dataDir, pluginsDir, workingDir.resolve(text(values, Setting.PLUGINS_CONFIG_DIR)).normalize(),
                        workingDir.resolve(text(values, Setting.ROUTES_DIR)).normalize()),
                adminPassword.isEmpty() ? Optional.empty() : Optional.of(adminPassword), auth,
                new PlatformSettings.AgreementSettings(tiers(values),
                        integer(values, Setting.AGREEMENT_CALENDAR_SECONDS, 1, 86_400, "a number of seconds between 1 and 86400"),
                        reminderDays(values),
                        new PlatformSettings.ReceiptIssuer(text(values, Setting.RECEIPT_ISSUER_NAME), text(values, Setting.RECEIPT_ISSUER_ADDRESS),
                                text(values, Setting.RECEIPT_ISSUER_OBJECT), text(values, Setting.RECEIPT_ISSUER_QUALITY),
                                text(values, Setting.RECEIPT_SIGNATORY), text(values, Setting.RECEIPT_PLACE))),
                new PlatformSettings.SyncSettings(
                        integer(values, Setting.SYNC_INTERVAL_SECONDS, 0, 7 * 86_400, "a number of seconds between 0 (only on request) and 604800"),
                        integer(values, Setting.SYNC_RETRIES, 0, 20, "a number of retries between 0 and 20"),
                        integer(values, Setting.SYNC_RETRY_BACKOFF_MS, 0, 3_600_000, "a number of milliseconds between 0 and 3600000")),
                mail(values));
    }

    private PlatformSettings.MailSettings mail(Map<Setting, Value> values) {
        String from = text(values, Setting.MAIL_FROM);
        if (!from.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
            throw problem(values, Setting.MAIL_FROM, "is not an e-mail address such as contact@ffmas.org");
        }
        String fromName = text(values, Setting.MAIL_FROM_NAME);
        if (fromName.isBlank() || fromName.matches(".*[\\r\\n].*")) {
            throw problem(values, Setting.MAIL_FROM_NAME, "must be a name on one line");
        }
        double rate;
        try {
            rate = Double.parseDouble(text(values, Setting.MAIL_RATE));
        } catch (NumberFormatException e) {
            throw problem(values, Setting.MAIL_RATE, "is not a number; expected messages per second, e.g. 20");
        }
        if (!(rate >= 0.1 && rate <= 10_000)) {
            throw problem(values, Setting.MAIL_RATE, "is out of range; expected between 0.1 and 10000 messages per second");
        }
        String publicUrl = text(values, Setting.PUBLIC_URL).replaceAll("/+$", "");
        try {
            java.net.URI uri = new java.net.URI(publicUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new java.net.URISyntaxException(publicUrl, "not http(s)");
            }
        } catch (java.net.URISyntaxException e) {
            throw problem(values, Setting.PUBLIC_URL, "is not an http(s) address such as https://crm.ffmas.org");
        }
        Optional<PlatformSettings.MailServer> smtp = server(values, Setting.SMTP_HOST, Setting.SMTP_PORT, Setting.SMTP_USER,
                Setting.SMTP_PASSWORD, Setting.SMTP_TLS);
        Optional<PlatformSettings.MailServer> imap = server(values, Setting.IMAP_HOST, Setting.IMAP_PORT, Setting.IMAP_USER,
                Setting.IMAP_PASSWORD, Setting.IMAP_TLS);
        if (imap.isPresent() && imap.get().user().isBlank()) {
            throw problem(values, Setting.IMAP_USER, "is required when imap.host is set");
        }
        String folder = text(values, Setting.IMAP_FOLDER);
        if (folder.isBlank()) {
            throw problem(values, Setting.IMAP_FOLDER, "must name a mailbox folder, e.g. INBOX");
        }
        return new PlatformSettings.MailSettings(from, fromName, rate, text(values, Setting.MAIL_TRANSPORT), publicUrl,
                text(values, Setting.MAIL_SECRET),
                integer(values, Setting.MAIL_SOFT_BOUNCE_LIMIT, 1, 100, "a number of soft bounces between 1 and 100"), smtp, imap, folder,
                integer(values, Setting.IMAP_POLL_SECONDS, 1, 86_400, "a number of seconds between 1 and 86400"),
                integer(values, Setting.MAIL_RETRY_SECONDS, 1, 86_400, "a number of seconds between 1 and 86400"), dkim(values),
                integer(values, Setting.SMTP_CONNECTIONS, 1, 10, "a number of connections between 1 and 10"), tlsTrust(values));
    }

    /** The certificates a PEM file names, for mail servers whose certificate the JVM's authorities did not sign. */
    private java.util.List<java.security.cert.X509Certificate> tlsTrust(Map<Setting, Value> values) {
        String file = text(values, Setting.MAIL_TLS_TRUST);
        if (file.isBlank()) {
            return java.util.List.of();
        }
        try (java.io.InputStream in = Files.newInputStream(workingDir.resolve(file))) {
            java.util.List<java.security.cert.X509Certificate> certificates = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(in).stream().map(c -> (java.security.cert.X509Certificate) c).toList();
            if (certificates.isEmpty()) {
                throw problem(values, Setting.MAIL_TLS_TRUST, "holds no certificate (a PEM file of \"BEGIN CERTIFICATE\" blocks)");
            }
            return certificates;
        } catch (IOException e) {
            throw problem(values, Setting.MAIL_TLS_TRUST, "cannot be read: " + reason(e));
        } catch (java.security.cert.CertificateException e) {
            throw problem(values, Setting.MAIL_TLS_TRUST, "is not a PEM file of X.509 certificates");
        }
    }

    private Optional<PlatformSettings.Dkim> dkim(Map<Setting, Value> values) {
        String domain = text(values, Setting.MAIL_DKIM_DOMAIN);
        String selector = text(values, Setting.MAIL_DKIM_SELECTOR);
        String keyFile = text(values, Setting.MAIL_DKIM_KEY_FILE);
        if (domain.isBlank() && selector.isBlank() && keyFile.isBlank()) {
            return Optional.empty();
        }
        if (!domain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw problem(values, Setting.MAIL_DKIM_DOMAIN, "is not a domain such as ffmas.org (DKIM needs the domain, the selector and the key file)");
        }
        if (!selector.matches("[A-Za-z0-9._-]+")) {
            throw problem(values, Setting.MAIL_DKIM_SELECTOR, "is not a DKIM selector such as crm2026");
        }
        if (keyFile.isBlank()) {
            throw problem(values, Setting.MAIL_DKIM_KEY_FILE, "must name the RSA private key file (PKCS#8, PEM or DER)");
        }
        try {
            byte[] bytes = Files.readAllBytes(workingDir.resolve(keyFile));
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN PRIVATE KEY-----")) {
                bytes = java.util.Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
            }
            java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(bytes));
            return Optional.of(new PlatformSettings.Dkim(domain, selector, (java.security.interfaces.RSAPrivateKey) key));
        } catch (IOException e) {
            throw problem(values, Setting.MAIL_DKIM_KEY_FILE, "cannot be read: " + reason(e));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw problem(values, Setting.MAIL_DKIM_KEY_FILE, "is not an RSA private key in PKCS#8 (PEM \"BEGIN PRIVATE KEY\" or DER)");
        }
    }

    private static Optional<PlatformSettings.MailServer> server(Map<Setting, Value> values, Setting host, Setting port, Setting user,
                                                              Setting password, Setting tls) {
        String h = text(values, host);
        if (h.isBlank()) {
            return Optional.empty();
        }
        if (!h.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
            throw problem(values, host, "is not a host name or address");
        }
        String t = text(values, tls).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("none", "starttls", "tls").contains(t)) {
            throw problem(values, tls, "is not one of none, starttls, tls");
        }
        return Optional.of(new PlatformSettings.MailServer(h, integer(values, port, 1, 65535, "a TCP port between 1 and 65535"),
                text(values, user), text(values, password), t));
    }

    private Map<Setting, Value> resolve() {
        Map<Setting, Value> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, new Value(s.defaultValue(), "default"));
        }
        readConfigFile().ifPresent(file -> {
            Properties props = file.properties();
            for (String key : props.stringPropertyNames()) {
                Setting s = Setting.byKey(key);
                if (s == null) {
                    throw new SettingException(CONFIG_FILE_ENV + " (" + file.path() + ")",
                            "unknown setting '" + key + "'; known settings are " + knownKeys(), null);
                }
                values.put(s, new Value(props.getProperty(key).trim(), "in " + file.path()));
            }
        });
        for (Setting s : Setting.values()) {
            String fromEnv = env.get(s.envName());
            if (fromEnv != null) {
                values.put(s, new Value(fromEnv.trim(), "in the environment"));
            }
        }
        return values;
    }

    private record ConfigFile(Path path, Properties properties) {}

    private Optional<ConfigFile> readConfigFile() {
        String named = env.get(CONFIG_FILE_ENV);
        Path file = named == null || named.isBlank() ? workingDir.resolve(DEFAULT_CONFIG_FILE) : workingDir.resolve(named);
        if (!Files.exists(file)) {
            if (named != null && !named.isBlank()) {
                throw new SettingException(CONFIG_FILE_ENV, "the configuration file " + file + " does not exist", null);
            }
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingException(CONFIG_FILE_ENV, "cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(new ConfigFile(file, props));
    }

    private static String knownKeys() {
        return Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", "));
    }

    private static String text(Map<Setting, Value> values, Setting s) {
        return values.get(s).text();
    }

    private static SettingException problem(Map<Setting, Value> values, Setting s, String what) {
        Value v = values.get(s);
        String shown = s.secret() ? "" : "'" + v.text() + "' ";
        return new SettingException(s, shown + "(" + v.source() + ") " + what);
    }

    private static int integer(Map<Setting, Value> values, Setting s, int min, int max, String expected) {
        String text = text(values, s);
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw problem(values, s, "is not a number; expected " + expected);
        }
        if (n < min || n > max) {
            throw problem(values, s, "is out of range; expected " + expected);
        }
        return n;
    }

    /** {@code 90,30}: lead times of renewal reminders, in days. */
    private static java.util.List<Integer> reminderDays(Map<Setting, Value> values) {
        String text = text(values, Setting.AGREEMENT_REMINDER_DAYS);
        if (!text.matches("\\s*\\d{1,3}(\\s*,\\s*\\d{1,3})*\\s*")) {
            throw problem(values, Setting.AGREEMENT_REMINDER_DAYS, "is not a list of numbers of days such as 90,30");
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt).distinct().toList();
    }

    /** {@code OR:500000,ARGENT:250000}: tier names and their default amounts in cents. */
    private static java.util.Map<String, Long> tiers(Map<Setting, Value> values) {
        java.util.Map<String, Long> tiers = new java.util.LinkedHashMap<>();
        for (String part : text(values, Setting.AGREEMENT_TIERS).split(",")) {
            String[] kv = part.strip().split(":");
            if (kv.length != 2 || !kv[0].strip().matches("[A-Z0-9_]{1,30}") || !kv[1].strip().matches("\\d{1,12}")) {
                throw problem(values, Setting.AGREEMENT_TIERS, "is not a list of TIER:amount-in-cents such as OR:500000,ARGENT:250000");
            }
            tiers.put(kv[0].strip(), Long.parseLong(kv[1].strip()));
        }
        return tiers;
    }

    private Path writableDirectory(Map<Setting, Value> values, Setting s) {
        String text = text(values, s);
        if (text.isBlank()) {
            throw problem(values, s, "must name a folder");
        }
        Path dir = workingDir.resolve(text).normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw problem(values, s, "is not a writable folder (" + dir + ": " + reason(e) + ")");
        }
        return dir;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : "cannot be created";
    }

    private static Optional<ExternalDatabase> externalDatabase(Map<Setting, Value> values) {
        String url = text(values, Setting.DB_URL);
        if (url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:mariadb://") && !url.startsWith("jdbc:mysql://")) {
            throw problem(values, Setting.DB_URL, "is not a MariaDB JDBC URL; expected jdbc:mariadb://host:port/database");
        }
        String afterHost = url.substring(url.indexOf("//") + 2);
        int slash = afterHost.indexOf('/');
        String database = slash < 0 ? "" : afterHost.substring(slash + 1).split("[?;]", 2)[0];
        if (database.isBlank()) {
            throw problem(values, Setting.DB_URL, "names no database; expected jdbc:mariadb://host:port/database");
        }
        return Optional.of(new ExternalDatabase(url, text(values, Setting.DB_USER), text(values, Setting.DB_PASSWORD)));
    }
}
