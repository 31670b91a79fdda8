package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.ffmas.crm.testkit.FreezableProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logins run a bounded number at a time (here one): while that one is stuck (the database frozen
 * under it), the others are answered 429 with Retry-After at once, instead of queueing for the
 * connection pool until they fail with a server error.
 */
@Tag("database")
class LoginSaturationTest {

    static final FreezableProxy.Route database = new FreezableProxy.Route();

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform(new AuthSettings(10, 3, 10, 15, 1)).withDatabaseTimeout(2).withDatabaseThrough(database);

    @AfterAll
    static void closeRelay() throws IOException {
        database.relay().close();
    }

    static Answer login() {
        return crm.client().post("/api/auth/login", null, json("username", "admin", "password", TestPlatform.ADMIN_PASSWORD));
    }

    @Test
    void loginsBeyondTheConcurrencyAreAnswered429NotAServerError() throws Exception {
        ApiClient api = crm.client();
        assertThat(login().status()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Answer> answers = new ArrayList<>();
        FreezableProxy relay = database.relay();
        relay.freeze();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> logins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                logins.add(pool.submit(() -> {
                    go.await();
                    return login();
                }));
            }
            go.countDown();
            for (Future<Answer> f : logins) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            relay.thaw();
            pool.shutdownNow();
        }

        List<Answer> busy = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(busy).as("all but the login holding the one slot").hasSize(7);
        for (Answer a : busy) {
            assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(Long.parseLong(a.header("Retry-After"))).isBetween(1L, 5L);
            assertThat(a.json().path("detail").asText()).contains("Too many logins in progress");
        }
        assertThat(answers).as("the one stuck on the database: unavailable, not an error").allSatisfy(a -> assertThat(a.status()).isIn(429, 503));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && (status = login().status()) != 200) {
            Thread.sleep(200);
        }
        assertThat(status).as("logins work again once the database answers").isEqualTo(200);
        assertThat(api.get("/api/auth/me", crm.adminToken()).status()).isEqualTo(200);
    }
}
