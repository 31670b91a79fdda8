package org.ffmas.crm.config;

import java.util.Locale;

/**
 * Every start-up setting of the platform. Each has a key in {@code config/platform.properties}
 * and an environment variable {@code CRM_<KEY>} that overrides it; the file
 * {@code config/platform.properties} documents every one of them.
 */
public enum Setting {
    HTTP_HOST("http.host", "127.0.0.1", false),
    HTTP_PORT("http.port", "8080", false),
    HTTP_TRUSTED_PROXIES("http.trustedProxies", "", false),
    HTTP_MAX_JSON_BYTES("http.maxJsonBytes", "1048576", false),
    HTTP_MAX_UPLOAD_BYTES("http.maxUploadBytes", "52428800", false),
    HTTP_OUTBOUND_ALLOWLIST("http.outboundAllowlist", "", false),
    DATA_DIR("data.dir", "data", false),
    DB_URL("db.url", "", false),
    DB_USER("db.user", "", false),
    DB_PASSWORD("db.password", "", true),
    DB_POOL_SIZE("db.pool.size", "10", false),
    DB_TIMEOUT_SECONDS("db.timeout.seconds", "5", false),
    ADMIN_PASSWORD("admin.password", "", true),
    PLUGINS_DIR("plugins.dir", "", false),
    PLUGINS_CONFIG_DIR("plugins.config.dir", "config/plugins", false),
    ROUTES_DIR("routes.dir", "config/routes", false),
    AGREEMENT_TIERS("agreement.tiers", "OR:500000,ARGENT:250000,BRONZE:100000", false),
    AGREEMENT_CALENDAR_SECONDS("agreement.calendar.seconds", "3600", false),
    AGREEMENT_REMINDER_DAYS("agreement.reminder.days", "90,30", false),
    RECEIPT_ISSUER_NAME("receipt.issuer.name", "Fédération française des métiers de l'assistanat et du secrétariat (FFMAS)", false),
    RECEIPT_ISSUER_ADDRESS("receipt.issuer.address", "", false),
    RECEIPT_ISSUER_OBJECT("receipt.issuer.object", "", false),
    RECEIPT_ISSUER_QUALITY("receipt.issuer.quality", "Association d'intérêt général", false),
    RECEIPT_SIGNATORY("receipt.signatory", "", false),
    RECEIPT_PLACE("receipt.place", "Paris", false),
    AUTH_SESSION_HOURS("auth.session.hours", "10", false),
    AUTH_SLOWDOWN_AFTER("auth.slowdown.after", "3", false),
    AUTH_LOCKOUT_AFTER("auth.lockout.after", "10", false),
    AUTH_LOCKOUT_MINUTES("auth.lockout.minutes", "15", false),
    AUTH_LOGIN_CONCURRENCY("auth.login.concurrency", "4", false),
    SYNC_INTERVAL_SECONDS("sync.interval.seconds", "900", false),
    SYNC_RETRIES("sync.retries", "3", false),
    SYNC_RETRY_BACKOFF_MS("sync.retry.backoff.ms", "2000", false),
    PUBLIC_URL("public.url", "http://localhost:8080", false),
    MAIL_FROM("mail.from", "contact@ffmas.org", false),
    MAIL_FROM_NAME("mail.from.name", "FFMAS", false),
    MAIL_ALLOWED_FROM_DOMAINS("mail.allowedFromDomains", "", false),
    MAIL_TEST_SENDS_PER_HOUR("mail.testSendsPerHour", "20", false),
    MAIL_RATE("mail.rate", "20", false),
    MAIL_TRANSPORT("mail.transport", "", false),
    MAIL_SECRET("mail.secret", "", true),
    MAIL_RETRY_SECONDS("mail.retry.seconds", "60", false),
    MAIL_DKIM_DOMAIN("mail.dkim.domain", "", false),
    MAIL_DKIM_SELECTOR("mail.dkim.selector", "", false),
    MAIL_DKIM_KEY_FILE("mail.dkim.key.file", "", false),
    MAIL_SOFT_BOUNCE_LIMIT("mail.soft.bounce.limit", "3", false),
    MAIL_TLS_TRUST("mail.tls.trust", "", false),
    SMTP_HOST("smtp.host", "", false),
    SMTP_PORT("smtp.port", "587", false),
    SMTP_USER("smtp.user", "", false),
    SMTP_PASSWORD("smtp.password", "", true),
    SMTP_TLS("smtp.tls", "starttls", false),
    SMTP_CONNECTIONS("smtp.connections", "2", false),
    IMAP_HOST("imap.host", "", false),
    IMAP_PORT("imap.port", "993", false),
    IMAP_USER("imap.user", "", false),
    IMAP_PASSWORD("imap.password", "", true),
    IMAP_TLS("imap.tls", "tls", false),
    IMAP_FOLDER("imap.folder", "INBOX", false),
    IMAP_POLL_SECONDS("imap.poll.seconds", "60", false);

    private final String key;
    private final String defaultValue;
    private final boolean secret;

    Setting(String key, String defaultValue, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
    }

    /** Key in the properties file, e.g. {@code http.port}. */
    public String key() {
        return key;
    }

    /** Environment variable that overrides the file, e.g. {@code CRM_HTTP_PORT}. */
    public String envName() {
        return "CRM_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** A secret is never logged nor echoed back in an error message. */
    public boolean secret() {
        return secret;
    }

    static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
