package org.ffmas.crm.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.testkit.FreezableProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database that stops answering (SIGSTOP, a cut network) must not hang requests nor leave
 * 500s: the API says 503 with Retry-After within the timeout, health says DOWN, and all comes
 * back by itself once the database answers again.
 */
@Tag("database")
class FrozenDatabaseTest {

    static final int TIMEOUT_SECONDS = 2;
    static FreezableProxy relay;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withDatabaseTimeout(TIMEOUT_SECONDS).withDatabaseThrough(db -> {
        try {
            if (relay == null) {
                relay = FreezableProxy.to(db);
            }
            return relay.through(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @AfterAll
    static void closeRelay() throws IOException {
        relay.close();
    }

    @Test
    void aFrozenDatabaseGets503WithRetryAfterThenRecoversOnItsOwn() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        assertThat(api.get("/api/companies", admin).status()).isEqualTo(200);

        relay.freeze();
        try {
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Answer frozen = api.get("/api/companies", admin);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("request %d with the database frozen answered %d after %d ms%n", i, frozen.status(), ms);
                assertThat(frozen.status()).as(frozen.raw().body()).isEqualTo(503);
                assertThat(frozen.header("Content-Type")).startsWith("application/problem+json");
                assertThat(frozen.header("Retry-After")).isNotBlank();
                assertThat(frozen.raw().body()).doesNotContain("SQL").doesNotContain("jdbc").doesNotContain("Exception");
                // a generous bound: the point is "not hanging", the figure is printed above
                assertThat(Duration.ofMillis(ms)).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS * 5L));
            }
            Answer ready = api.send(api.request("/health/ready"));
            assertThat(ready.status()).as("not ready without a database").isEqualTo(503);
            assertThat(ready.raw().body()).contains("DOWN");
            assertThat(api.send(api.request("/health/live")).status()).as("but alive").isEqualTo(200);
        } finally {
            relay.thaw();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && (status = api.get("/api/companies", admin).status()) != 200) {
            Thread.sleep(200);
        }
        assertThat(status).as("the API recovers once the database answers again").isEqualTo(200);
        assertThat(api.send(api.request("/health/ready")).status()).isEqualTo(200);
    }
}
