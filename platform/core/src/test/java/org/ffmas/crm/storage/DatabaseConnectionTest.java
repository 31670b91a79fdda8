package org.ffmas.crm.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;
import org.ffmas.crm.config.SettingException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An external database that cannot be used stops the start with the setting to fix. */
@Tag("database")
class DatabaseConnectionTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void unreachableServerNamesCrmDbUrlWithinSeconds() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ExternalDatabase nowhere = new ExternalDatabase("jdbc:mariadb://127.0.0.1:" + closedPort + "/crm", "crm", "pw");
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> Database.open(Optional.of(nowhere), Path.of("target"), 2))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DB_URL (db.url): cannot connect to jdbc:mariadb://127.0.0.1:" + closedPort + "/crm");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to give up").isLessThan(10_000);
    }

    @Test
    void wrongPasswordNamesUserAndPasswordWithoutShowingIt() {
        ExternalDatabase c = db.connection();
        ExternalDatabase wrong = new ExternalDatabase(c.url(), c.user(), "not-the-password");

        assertThatThrownBy(() -> Database.open(Optional.of(wrong), Path.of("target"), 2))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DB_USER / CRM_DB_PASSWORD: ")
                .hasMessageContaining("refused user '" + c.user() + "'")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void missingDatabaseNamesCrmDbUrl() {
        ExternalDatabase c = db.connection();
        String url = c.url().substring(0, c.url().lastIndexOf('/')) + "/crm_no_such_database";

        assertThatThrownBy(() -> Database.open(Optional.of(new ExternalDatabase(url, c.user(), c.password())), Path.of("target"), 2))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_DB_URL (db.url): the database named in " + url + " does not exist");
    }
}
