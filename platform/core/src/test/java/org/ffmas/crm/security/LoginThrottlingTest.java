package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.MutableClock;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.common.AddressRange;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.ffmas.crm.config.PlatformSettings.HttpSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Repeated failed logins are slowed, then refused for a while, even with the right password;
 * counted in the database per normalised username and per address, whatever the spelling, however
 * many arrive at once, across a restart. The tests connect through a trusted proxy (127.0.0.1)
 * and say which client they are with X-Forwarded-For, so that each attack comes from addresses of
 * its own (and, where it matters, from a new address each time: only the username can lock).
 */
@Tag("database")
class LoginThrottlingTest {

    static final int LOCK_AFTER = 4;
    static final String PASSWORD = "Un-Mot-De-Passe-Solide-26";
    static final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform(new AuthSettings(10, 2, LOCK_AFTER, 1)).withClock(clock)
            .withHttp(new HttpSettings("127.0.0.1", 0).withTrustedProxies(List.of(AddressRange.parse("127.0.0.1"))));

    static String admin;
    static final AtomicInteger addresses = new AtomicInteger();

    @BeforeAll
    static void adminSession() {
        admin = crm.adminToken();
    }

    /** A client address never used before in this class. */
    static String freshAddress() {
        int n = addresses.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    static Answer attempt(String username, String password, String from) {
        ApiClient api = crm.client();
        return api.send(api.request("/api/auth/login").header("Content-Type", "application/json").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(json("username", username, "password", password))));
    }

    static long createUser(String username) {
        Answer a = crm.client().post("/api/users", admin, json("username", username, "displayName", username, "email", username + "@ffmas.org",
                "role", "STAFF", "password", PASSWORD));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json().path("id").asLong();
    }

    /** What anyone gets for a wrong password: here, of a user that does not exist. */
    static Answer wrongPasswordAnswer() {
        return attempt("personne-de-ce-nom", "pas-le-bon-mot-de-passe", freshAddress());
    }

    static void assertSameAsAWrongPassword(Answer actual, String why) {
        Answer wrong = wrongPasswordAnswer();
        assertThat(actual.status()).as(why).isEqualTo(wrong.status()).isEqualTo(401);
        assertThat(actual.raw().body()).as(why).isEqualTo(wrong.raw().body());
        assertThat(actual.header("Content-Type")).isEqualTo(wrong.header("Content-Type"));
        assertThat(actual.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"));
        assertThat(actual.header("Retry-After")).isNull();
    }

    static void lock(String username) {
        for (int i = 1; i <= LOCK_AFTER; i++) {
            assertThat(attempt(username, "mauvais-essai-" + i, freshAddress()).status()).isEqualTo(401);
        }
    }

    @Test
    void failuresAreSlowedThenLockedOut() {
        createUser("anais");
        String from = freshAddress();
        assertThat(attempt("anais", "mauvais-essai-1", from).status()).isEqualTo(401);
        assertThat(attempt("anais", "mauvais-essai-2", from).status()).isEqualTo(401);

        long t0 = System.nanoTime();
        assertThat(attempt("anais", "mauvais-essai-3", from).status()).isEqualTo(401);
        long slowedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(slowedMs).as("third failure past the slow-down threshold of 2 waits a second").isGreaterThanOrEqualTo(1000);

        assertThat(attempt("anais", "mauvais-essai-4", from).status()).isEqualTo(401);

        assertSameAsAWrongPassword(attempt("anais", PASSWORD, from), "locked even with the right password, and it says no more than a wrong one");
        assertSameAsAWrongPassword(attempt("anais", PASSWORD, freshAddress()), "the username is locked from any address");
        assertSameAsAWrongPassword(attempt("someone-else", PASSWORD, from), "the address is locked for any username");
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreGuessesThanTheLimitAndNoServerError() throws Exception {
        long bruno = createUser("bruno");
        Answer reference = wrongPasswordAnswer();
        ExecutorService pool = Executors.newFixedThreadPool(51);
        try {
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch refused = new CountDownLatch(LOCK_AFTER);
            List<Future<Answer>> burst = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String guess = "mauvais-essai-" + i;
                String from = freshAddress();
                burst.add(pool.submit(() -> {
                    go.await();
                    Answer a = attempt("bruno", guess, from);
                    if (a.status() == 401) {
                        refused.countDown();
                    }
                    return a;
                }));
            }
            // the right password, as soon as the lock is certain: the burst's other guesses may still be in flight
            String rightFrom = freshAddress();
            Future<Answer> right = pool.submit(() -> {
                go.await();
                refused.await(60, TimeUnit.SECONDS);
                return attempt("bruno", PASSWORD, rightFrom);
            });
            go.countDown();
            for (Future<Answer> f : burst) {
                Answer a = f.get(60, TimeUnit.SECONDS);
                assertThat(a.status()).as("never a server error, never in: " + a.raw().body()).isIn(401, 429);
                if (a.status() == 401) {
                    assertThat(a.raw().body()).isEqualTo(reference.raw().body());
                } else {
                    assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
                    assertThat(a.header("Retry-After")).isNotBlank();
                }
            }
            Answer checked = crm.client().get("/api/audit?action=auth.login.failure&targetType=user&targetId=" + bruno + "&size=200", admin);
            assertThat(checked.json().path("total").asLong()).as("passwords checked for bruno in the burst").isBetween(1L, (long) LOCK_AFTER);
            // logins turned away because the node was busy were no guesses: go on until the lock is there
            while (refused.getCount() > 0) {
                Answer a = attempt("bruno", "encore-un-essai", freshAddress());
                assertThat(a.status()).isEqualTo(401);
                refused.countDown();
            }
            assertSameAsAWrongPassword(right.get(60, TimeUnit.SECONDS), "the right password once the burst has locked the account");
        } finally {
            pool.shutdownNow();
        }
        assertSameAsAWrongPassword(attempt("bruno", PASSWORD, freshAddress()), "the right password after the burst");
        Answer checked = crm.client().get("/api/audit?action=auth.login.failure&targetType=user&targetId=" + bruno + "&size=200", admin);
        assertThat(checked.json().path("total").asLong()).as("passwords checked for bruno in all").isEqualTo(LOCK_AFTER);
    }

    @Test
    void spellingsOfAUsernameCountAgainstTheSameAccount() {
        assertThat(attempt("Admín", TestPlatform.ADMIN_PASSWORD, freshAddress()).status()).as("a spelling of admin logs in to admin").isEqualTo(200);
        assertThat(attempt("ad\u200Bmin", TestPlatform.ADMIN_PASSWORD, freshAddress()).status())
                .as("a name the collation alone takes for admin is no one's: it would be counted apart").isEqualTo(401);
        List<String> spellings = List.of("Admin", "admín", "ADMIN", "ＡＤＭＩＮ");
        for (String s : spellings) {
            assertThat(attempt(s, "mauvais-essai", freshAddress()).status()).as(s).isEqualTo(401);
        }
        assertSameAsAWrongPassword(attempt("admin", TestPlatform.ADMIN_PASSWORD, freshAddress()), "admin locked by its other spellings");

        // a name of no account is counted under its normalised spelling too
        for (String s : List.of("Fantôme", "FANTOME", "fantóme", "ｆａｎｔｏｍｅ")) {
            attempt(s, "mauvais-essai", freshAddress());
        }
        attempt("fantome", "mauvais-essai", freshAddress());
        Answer refusals = crm.client().get("/api/audit?action=auth.login.refused&size=200", admin);
        assertThat(refusals.json().path("items").findValuesAsText("details")).anySatisfy(d -> assertThat(d).contains("\"fantome\""));
    }

    @Test
    void aLockOutlivesARestartOfThePlatform() throws Exception {
        createUser("chloe");
        lock("chloe");

        crm.stop();
        crm.start(Optional.of(TestPlatform.ADMIN_PASSWORD));

        assertSameAsAWrongPassword(attempt("chloe", PASSWORD, freshAddress()), "still locked after a restart");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(attempt("chloe", PASSWORD, freshAddress()).status()).as("the lock ends").isEqualTo(200);
    }

    @Test
    void eachLockInARowLastsTwiceAsLong() {
        createUser("denis");
        lock("denis");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        lock("denis");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertSameAsAWrongPassword(attempt("denis", PASSWORD, freshAddress()), "the second lock lasts two minutes");
        clock.advance(Duration.ofMinutes(1));
        assertThat(attempt("denis", PASSWORD, freshAddress()).status()).isEqualTo(200);
        assertThat(attempt("denis", "mauvais-essai", freshAddress()).status()).isEqualTo(401);
        assertThat(attempt("denis", PASSWORD, freshAddress()).status()).as("a right password forgot the failures").isEqualTo(200);
    }
}
