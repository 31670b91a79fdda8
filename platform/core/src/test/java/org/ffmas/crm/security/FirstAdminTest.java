package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ffmas.crm.ApiClient.json;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.SettingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The first admin is created once, and later starts never change it. */
@Tag("database")
class FirstAdminTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    @BeforeEach
    void firstStart() throws Exception {
        crm.stopAndEmptyDatabase();
    }

    @Test
    void theConfiguredPasswordIsUsedOnceAndNotChangedByLaterStarts() throws Exception {
        crm.start(Optional.of(TestPlatform.ADMIN_PASSWORD));
        crm.client().login("admin", TestPlatform.ADMIN_PASSWORD);

        crm.stop();
        crm.start(Optional.of("Un-Autre-Mot-De-Passe-2026"));

        crm.client().login("admin", TestPlatform.ADMIN_PASSWORD);
        assertThat(crm.client().post("/api/auth/login", null, json("username", "admin", "password", "Un-Autre-Mot-De-Passe-2026"))
                .status()).isEqualTo(401);
        assertThat(crm.client().get("/api/users", crm.adminToken()).json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedAndLoggedOnce() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger platformLog = (Logger) LoggerFactory.getLogger(SecurityModule.class);
        logs.start();
        platformLog.addAppender(logs);
        try {
            crm.start(Optional.empty());
            crm.stop();
            crm.start(Optional.empty());
        } finally {
            platformLog.detachAppender(logs);
        }
        var lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("generated password")).toList();
        assertThat(lines).as("printed once, on the first start only").hasSize(1);
        Matcher m = Pattern.compile("generated password (\\S+) ").matcher(lines.get(0));
        assertThat(m.find()).isTrue();
        crm.client().login("admin", m.group(1));
    }

    @Test
    void aWeakConfiguredPasswordStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> crm.start(Optional.of("admin")))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("CRM_ADMIN_PASSWORD (admin.password): the password given must have at least 12 characters");
    }
}
