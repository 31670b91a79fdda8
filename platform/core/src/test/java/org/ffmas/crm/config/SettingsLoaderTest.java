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
        assertThat(s.httpHost()).isEqualTo("0.0.0.0");
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.dataDir()).isEqualTo(workDir.resolve("data"));
        assertThat(s.dataDir()).isDirectory();
        assertThat(s.externalDatabase()).isEmpty();
        assertThat(s.dbPoolSize()).isEqualTo(10);
        assertThat(s.adminPassword()).isEmpty();
        assertThat(s.pluginsDir()).isEqualTo(workDir.resolve("jar-dir/plugins"));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        configFile("http.port=9090\nhttp.host=127.0.0.1\ndb.pool.size=5\n");
        env.put("CRM_HTTP_PORT", "9191");

        PlatformSettings s = load();

        assertThat(s.httpPort()).as("environment beats file").isEqualTo(9191);
        assertThat(s.httpHost()).as("file beats default").isEqualTo("127.0.0.1");
        assertThat(s.dbPoolSize()).isEqualTo(5);
    }

    @Test
    void crmConfigNamesAnotherFile() throws IOException {
        configFile("http.port=9090\n");
        Files.writeString(workDir.resolve("other.properties"), "http.port=7070\n");
        env.put("CRM_CONFIG", "other.properties");

        assertThat(load().httpPort()).isEqualTo(7070);
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

        assertThat(s.externalDatabase()).hasValueSatisfying(db -> {
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

        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.externalDatabase()).isEmpty();
    }
}
