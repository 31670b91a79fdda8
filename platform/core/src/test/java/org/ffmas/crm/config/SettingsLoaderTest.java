package org.ffmas.crm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path workDir;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void noConfigFile() throws IOException {
        Files.createDirectories(workDir.resolve("config"));
    }

    private PlatformSettings load() {
        return new SettingsLoader(env, workDir, workDir.resolve("jar-dir/plugins")).load();
    }

    private void configFile(String content) throws IOException {
        Files.writeString(workDir.resolve("config/platform.properties"), content);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        PlatformSettings s = load();
        assertThat(s.http().host()).isEqualTo("127.0.0.1");
        assertThat(s.http().port()).isEqualTo(8080);
        assertThat(s.folders().data()).isEqualTo(workDir.resolve("data"));
        assertThat(s.folders().data()).isDirectory();
        assertThat(s.database().external()).isEmpty();
        assertThat(s.database().poolSize()).isEqualTo(10);
        assertThat(s.adminPassword()).isEmpty();
        assertThat(s.folders().plugins()).isEqualTo(workDir.resolve("jar-dir/plugins"));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        configFile("http.port=9090\nhttp.host=127.0.0.1\ndb.pool.size=5\n");
        env.put("CRM_HTTP_PORT", "9191");

        PlatformSettings s = load();

        assertThat(s.http().port()).as("environment beats file").isEqualTo(9191);
        assertThat(s.http().host()).as("file beats default").isEqualTo("127.0.0.1");
        assertThat(s.database().poolSize()).isEqualTo(5);
    }

    @Test
    void crmConfigNamesAnotherFile() throws IOException {
        configFile("http.port=9090\n");
        Files.writeString(workDir.resolve("other.properties"), "http.port=7070\n");
        env.put("CRM_CONFIG", "other.properties");

        assertThat(load().http().port()).isEqualTo(7070);
    }

    @Test
    void missingFileNamedByCrmConfigIsRefused() {
        env.put("CRM_CONFIG", "nowhere.properties");

        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_CONFIG")
                .hasMessageContaining("nowhere.properties").hasMessageContaining("does not exist");
    }

    @Test
    void unknownKeyInFileIsRefusedRatherThanIgnored() throws IOException {
        configFile("htp.port=9090\n");

        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageContaining("unknown setting 'htp.port'").hasMessageContaining("http.port");
    }

    @Test
    void boundsAndProxiesHaveSafeDefaultsAndAreChecked() {
        PlatformSettings s = load();
        assertThat(s.http().trustedProxies()).as("no proxy believed unless named").isEmpty();
        assertThat(s.http().maxJsonBytes()).isEqualTo(1L << 20);
        assertThat(s.http().maxUploadBytes()).isEqualTo(50L << 20);
        assertThat(s.http().outboundAllowlist()).isEmpty();
        assertThat(s.database().timeoutSeconds()).isEqualTo(5);
        assertThat(s.auth().loginConcurrency()).isEqualTo(4);
        assertThat(s.mail().sender().allowedFromDomains()).as("the domain of mail.from").containsExactly("ffmas.org");
        assertThat(s.mail().outgoing().testSendsPerHour()).isEqualTo(20);

        env.put("CRM_HTTP_TRUSTEDPROXIES", "10.0.0.0/8, ::1");
        env.put("CRM_MAIL_ALLOWEDFROMDOMAINS", "FFMAS.org,news.ffmas.org");
        s = load();
        assertThat(s.http().trustedProxies()).hasSize(2);
        assertThat(s.mail().sender().allowedFromDomains()).containsExactly("ffmas.org", "news.ffmas.org");

        env.put("CRM_HTTP_TRUSTEDPROXIES", "proxy.example");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_HTTP_TRUSTEDPROXIES (http.trustedProxies): 'proxy.example' (in the environment) is not a list of IP");
        env.put("CRM_HTTP_TRUSTEDPROXIES", "10.0.0.0/33");
        assertThatThrownBy(this::load).hasMessageContaining("prefix length outside 0–32");
        env.remove("CRM_HTTP_TRUSTEDPROXIES");
        env.put("CRM_HTTP_MAXUPLOADBYTES", "-1");
        assertThatThrownBy(this::load).hasMessageStartingWith("CRM_HTTP_MAXUPLOADBYTES (http.maxUploadBytes): '-1' (in the environment) is out of range");
        env.remove("CRM_HTTP_MAXUPLOADBYTES");
        env.put("CRM_MAIL_ALLOWEDFROMDOMAINS", "ffmas org");
        assertThatThrownBy(this::load).hasMessageStartingWith("CRM_MAIL_ALLOWEDFROMDOMAINS (mail.allowedFromDomains)");
    }

    @Test
    void portThatIsNotANumberNamesTheSettingAndTheValue() {
        env.put("CRM_HTTP_PORT", "eighty");

        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessage("CRM_HTTP_PORT (http.port): 'eighty' (in the environment) is not a number; "
                        + "expected a TCP port between 0 and 65535 (0 picks a free one)");
    }

    @Test
    void portOutOfRangeInTheFileSaysWhichFile() throws IOException {
        configFile("http.port=70000\n");

        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_HTTP_PORT (http.port): '70000' (in ")
                .hasMessageContaining("platform.properties")
                .hasMessageContaining("is out of range");
    }

    @Test
    void mailSettingsAreCheckedAtStartWithTheirName() throws Exception {
        env.put("CRM_MAIL_RATE", "vite");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class).hasMessageStartingWith("CRM_MAIL_RATE (mail.rate): 'vite'");
        env.remove("CRM_MAIL_RATE");
        env.put("CRM_SMTP_HOST", "smtp.ffmas.org");
        env.put("CRM_SMTP_TLS", "ssl3");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class).hasMessageStartingWith("CRM_SMTP_TLS (smtp.tls)")
                .hasMessageContaining("none, starttls, tls");
        env.put("CRM_SMTP_TLS", "starttls");
        env.put("CRM_MAIL_DKIM_DOMAIN", "ffmas.org");
        env.put("CRM_MAIL_DKIM_SELECTOR", "crm2026");
        env.put("CRM_MAIL_DKIM_KEY_FILE", "missing.pem");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_MAIL_DKIM_KEY_FILE (mail.dkim.key.file): 'missing.pem'").hasMessageContaining("cannot be read");
        Files.writeString(workDir.resolve("not-a-key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        env.put("CRM_MAIL_DKIM_KEY_FILE", "not-a-key.pem");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class).hasMessageContaining("is not an RSA private key");

        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Files.writeString(workDir.resolve("dkim.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        env.put("CRM_MAIL_DKIM_KEY_FILE", "dkim.pem");
        PlatformSettings s = load();
        assertThat(s.mail().sender().dkim()).isPresent();
        assertThat(s.mail().sender().dkim().get().selector()).isEqualTo("crm2026");
        assertThat(s.mail().outgoing().smtp().get().tls()).isEqualTo("starttls");
        assertThat(s.mail().sender().from()).isEqualTo("contact@ffmas.org");
    }

    @Test
    void theMailServersTrustedCertificatesAreReadAtStart() throws Exception {
        env.put("CRM_MAIL_TLS_TRUST", "relay.pem");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_MAIL_TLS_TRUST (mail.tls.trust): 'relay.pem'").hasMessageContaining("cannot be read");
        Files.writeString(workDir.resolve("relay.pem"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class).hasMessageContaining("is not a PEM file of X.509 certificates");
        Files.writeString(workDir.resolve("relay.pem"), "");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class).hasMessageContaining("holds no certificate");
        assertThat(new SettingsLoader(Map.of(), workDir, workDir.resolve("jar-dir/plugins")).load().mail().tlsTrust()).isEmpty();
    }

    @Test
    void badPoolSizeIsRefused() {
        env.put("CRM_DB_POOL_SIZE", "0");

        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DB_POOL_SIZE (db.pool.size): '0'").hasMessageContaining("out of range");
    }

    @Test
    void dataDirThatCannotBeWrittenNamesTheSetting() throws IOException {
        Files.writeString(workDir.resolve("a-file"), "not a folder");
        env.put("CRM_DATA_DIR", "a-file/data");

        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DATA_DIR (data.dir): 'a-file/data' (in the environment) is not a writable folder");
    }

    @Test
    void databaseUrlMustBeAMariaDbJdbcUrlWithADatabase() {
        env.put("CRM_DB_URL", "mysql://localhost/crm");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DB_URL (db.url): 'mysql://localhost/crm'").hasMessageContaining("not a MariaDB JDBC URL");

        env.put("CRM_DB_URL", "jdbc:mariadb://localhost:3306/");
        assertThatThrownBy(this::load).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DB_URL (db.url)").hasMessageContaining("names no database");
    }

    @Test
    void externalDatabaseTakesUserAndPassword() {
        env.put("CRM_DB_URL", "jdbc:mariadb://db.example:3306/crm?useSsl=true");
        env.put("CRM_DB_USER", "crm");
        env.put("CRM_DB_PASSWORD", "s3cret-pw");

        PlatformSettings s = load();

        assertThat(s.database().external()).hasValueSatisfying(db -> {
            assertThat(db.url()).isEqualTo("jdbc:mariadb://db.example:3306/crm?useSsl=true");
            assertThat(db.user()).isEqualTo("crm");
            assertThat(db.password()).isEqualTo("s3cret-pw");
        });
        assertThat(s.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void everySettingIsDocumentedInTheShippedConfigFile() throws IOException {
        Path shipped = Path.of("..", "..", "config", "platform.properties");
        String text = Files.readString(shipped);
        for (Setting s : Setting.values()) {
            assertThat(text).as("config/platform.properties documents " + s.key())
                    .contains("#" + s.key() + "=" + s.defaultValue() + "\n");
        }
    }

    @Test
    void theShippedConfigFileStartsWithTheDefaults() throws IOException {
        Files.copy(Path.of("..", "..", "config", "platform.properties"), workDir.resolve("config/platform.properties"));

        PlatformSettings s = load();

        assertThat(s.http().port()).isEqualTo(8080);
        assertThat(s.database().external()).isEmpty();
    }
}
