package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Repeated failed logins are slowed, then refused for a while, even with the right password. */
@Tag("database")
class LoginThrottlingTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform(new AuthSettings(10, 2, 4, 1));

    private static Answer attempt(String password) {
        return crm.client().post("/api/auth/login", null, json("username", "admin", "password", password));
    }

    @Test
    void failuresAreSlowedThenLockedOut() {
        assertThat(attempt("mauvais-essai-1").status()).isEqualTo(401);
        assertThat(attempt("mauvais-essai-2").status()).isEqualTo(401);

        long t0 = System.nanoTime();
        assertThat(attempt("mauvais-essai-3").status()).isEqualTo(401);
        long slowedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(slowedMs).as("third failure past the slow-down threshold of 2 waits a second").isGreaterThanOrEqualTo(1000);

        assertThat(attempt("mauvais-essai-4").status()).isEqualTo(401);

        Answer locked = attempt(TestPlatform.ADMIN_PASSWORD);
        assertThat(locked.status()).as("locked even with the right password").isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(locked.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
