package org.ffmas.crm.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.ffmas.crm.common.AddressRange;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;
import org.ffmas.crm.config.SettingValues.Value;

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

    public PlatformSettings load() {
        SettingValues values = new SettingValues(resolve(), workingDir);
        String host = values.text(Setting.HTTP_HOST);
        if (host.isBlank()) {
            throw values.problem(Setting.HTTP_HOST, "must not be empty; use 0.0.0.0 to listen on every address");
        }
        int port = values.integer(Setting.HTTP_PORT, 0, 65535, "a TCP port between 0 and 65535 (0 picks a free one)");
        Path dataDir = writableDirectory(values, Setting.DATA_DIR);
        int poolSize = values.integer(Setting.DB_POOL_SIZE, 1, 200, "a pool size between 1 and 200");
        Optional<ExternalDatabase> db = externalDatabase(values);
        String adminPassword = values.text(Setting.ADMIN_PASSWORD);
        String pluginsText = values.text(Setting.PLUGINS_DIR);
        Path pluginsDir = pluginsText.isBlank() ? defaultPluginsDir : workingDir.resolve(pluginsText).normalize();
        PlatformSettings.AuthSettings auth = new PlatformSettings.AuthSettings(
                values.integer(Setting.AUTH_SESSION_HOURS, 1, 24 * 30, "a number of hours between 1 and 720"),
                values.integer(Setting.AUTH_SLOWDOWN_AFTER, 1, 1000, "a number of failed logins between 1 and 1000"),
                values.integer(Setting.AUTH_LOCKOUT_AFTER, 1, 1000, "a number of failed logins between 1 and 1000"),
                values.integer(Setting.AUTH_LOCKOUT_MINUTES, 1, 24 * 60, "a number of minutes between 1 and 1440"),
                values.integer(Setting.AUTH_LOGIN_CONCURRENCY, 1, 64, "a number of password checks at once between 1 and 64"));
        int dbTimeout = values.integer(Setting.DB_TIMEOUT_SECONDS, 1, 300, "a number of seconds between 1 and 300");
        return new PlatformSettings(http(values, host.trim(), port), new PlatformSettings.DatabaseSettings(db, poolSize, dbTimeout),
                new PlatformSettings.Folders(dataDir, pluginsDir, workingDir.resolve(values.text(Setting.PLUGINS_CONFIG_DIR)).normalize(),
                        workingDir.resolve(values.text(Setting.ROUTES_DIR)).normalize()),
                adminPassword.isEmpty() ? Optional.empty() : Optional.of(adminPassword), auth,
                new PlatformSettings.AgreementSettings(tiers(values),
                        values.integer(Setting.AGREEMENT_CALENDAR_SECONDS, 1, 86_400, "a number of seconds between 1 and 86400"),
                        reminderDays(values),
                        new PlatformSettings.ReceiptIssuer(values.text(Setting.RECEIPT_ISSUER_NAME), values.text(Setting.RECEIPT_ISSUER_ADDRESS),
                                values.text(Setting.RECEIPT_ISSUER_OBJECT), values.text(Setting.RECEIPT_ISSUER_QUALITY),
                                values.text(Setting.RECEIPT_SIGNATORY), values.text(Setting.RECEIPT_PLACE))),
                new PlatformSettings.SyncSettings(
                        values.integer(Setting.SYNC_INTERVAL_SECONDS, 0, 7 * 86_400, "a number of seconds between 0 (only on request) and 604800"),
                        values.integer(Setting.SYNC_RETRIES, 0, 20, "a number of retries between 0 and 20"),
                        values.integer(Setting.SYNC_RETRY_BACKOFF_MS, 0, 3_600_000, "a number of milliseconds between 0 and 3600000")),
                MailSettingsReader.read(values));
    }

    private static PlatformSettings.HttpSettings http(SettingValues values, String host, int port) {
        List<AddressRange> proxies = new ArrayList<>();
        for (String item : values.list(Setting.HTTP_TRUSTED_PROXIES)) {
            try {
                proxies.add(AddressRange.parse(item));
            } catch (IllegalArgumentException e) {
                throw values.problem(Setting.HTTP_TRUSTED_PROXIES, "is not a list of IP addresses or CIDR blocks such as 10.0.0.0/8,::1: "
                        + e.getMessage());
            }
        }
        for (String item : values.list(Setting.HTTP_OUTBOUND_ALLOWLIST)) {
            if (!item.matches("[A-Za-z0-9.:\\-]+(/\\d{1,3})?")) {
                throw values.problem(Setting.HTTP_OUTBOUND_ALLOWLIST, "is not a list of host names, IP addresses or CIDR blocks: '" + item + "'");
            }
        }
        long json = values.longInteger(Setting.HTTP_MAX_JSON_BYTES, 1024, 1L << 30, "a number of bytes between 1024 and 1073741824");
        long upload = values.longInteger(Setting.HTTP_MAX_UPLOAD_BYTES, 1024, 1L << 40, "a number of bytes between 1024 and 1099511627776");
        return new PlatformSettings.HttpSettings(host, port, proxies, json, upload,
                values.list(Setting.HTTP_OUTBOUND_ALLOWLIST).stream().map(item -> item.toLowerCase(Locale.ROOT)).toList());
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

    /** {@code 90,30}: lead times of renewal reminders, in days. */
    private static List<Integer> reminderDays(SettingValues values) {
        String text = values.text(Setting.AGREEMENT_REMINDER_DAYS);
        if (!text.matches("\\s*\\d{1,3}(\\s*,\\s*\\d{1,3})*\\s*")) {
            throw values.problem(Setting.AGREEMENT_REMINDER_DAYS, "is not a list of numbers of days such as 90,30");
        }
        return Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt).distinct().toList();
    }

    /** {@code OR:500000,ARGENT:250000}: tier names and their default amounts in cents. */
    private static Map<String, Long> tiers(SettingValues values) {
        Map<String, Long> tiers = new LinkedHashMap<>();
        for (String part : values.text(Setting.AGREEMENT_TIERS).split(",")) {
            String[] kv = part.strip().split(":");
            if (kv.length != 2 || !kv[0].strip().matches("[A-Z0-9_]{1,30}") || !kv[1].strip().matches("\\d{1,12}")) {
                throw values.problem(Setting.AGREEMENT_TIERS, "is not a list of TIER:amount-in-cents such as OR:500000,ARGENT:250000");
            }
            tiers.put(kv[0].strip(), Long.parseLong(kv[1].strip()));
        }
        return tiers;
    }

    private Path writableDirectory(SettingValues values, Setting s) {
        String text = values.text(s);
        if (text.isBlank()) {
            throw values.problem(s, "must name a folder");
        }
        Path dir = workingDir.resolve(text).normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw values.problem(s, "is not a writable folder (" + dir + ": " + SettingValues.reason(e) + ")");
        }
        return dir;
    }

    private static Optional<ExternalDatabase> externalDatabase(SettingValues values) {
        String url = values.text(Setting.DB_URL);
        if (url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:mariadb://") && !url.startsWith("jdbc:mysql://")) {
            throw values.problem(Setting.DB_URL, "is not a MariaDB JDBC URL; expected jdbc:mariadb://host:port/database");
        }
        String afterHost = url.substring(url.indexOf("//") + 2);
        int slash = afterHost.indexOf('/');
        String database = slash < 0 ? "" : afterHost.substring(slash + 1).split("[?;]", 2)[0];
        if (database.isBlank()) {
            throw values.problem(Setting.DB_URL, "names no database; expected jdbc:mariadb://host:port/database");
        }
        return Optional.of(new ExternalDatabase(url, values.text(Setting.DB_USER), values.text(Setting.DB_PASSWORD)));
    }
}
