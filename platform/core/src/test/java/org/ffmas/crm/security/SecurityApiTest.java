package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Logins, sessions and cookies, CSRF, tokens, users and the audit log, through the API. */
@Tag("database")
class SecurityApiTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static ApiClient api;
    static String admin;

    @BeforeAll
    static void loginAsAdmin() {
        api = crm.client();
        admin = crm.adminToken();
    }

    private static long createUser(String username, String role, String password) {
        Answer a = api.post("/api/users", admin, json("username", username, "displayName", "Claire " + username,
                "email", username + "@Partenaire.FR", "role", role, "password", password));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json().path("id").asLong();
    }

    @Test
    void loginGivesATokenAndAnHttpOnlyLaxSessionCookie() {
        Answer a = api.post("/api/auth/login", null, json("username", "admin", "password", TestPlatform.ADMIN_PASSWORD));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("token").asText()).hasSizeGreaterThan(30);
        assertThat(Instant.parse(a.json().path("expiresAt").asText())).isAfter(Instant.now().plusSeconds(3600));
        assertThat(a.json().path("user").path("username").asText()).isEqualTo("admin");
        assertThat(a.json().path("user").path("role").asText()).isEqualTo("ADMIN");
        assertThat(a.json().path("user").has("passwordHash")).isFalse();
        List<String> cookies = a.raw().headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("crm_session=" + a.json().path("token").asText())
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure"));

        Answer me = api.get("/api/auth/me", a.json().path("token").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo("admin");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        createUser("pauline", "STAFF", "Un-Mot-De-Passe-Solide-1");
        Answer wrong = api.post("/api/auth/login", null, json("username", "pauline", "password", "pas-le-bon-mot-de-passe"));
        Answer unknown = api.post("/api/auth/login", null, json("username", "nobody-here", "password", "pas-le-bon-mot-de-passe"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.raw().body()).isEqualTo(unknown.raw().body());
        assertThat(wrong.header("Content-Type")).isEqualTo("application/problem+json");

        Answer audit = api.get("/api/audit?action=auth.login.failure", admin);
        assertThat(audit.json().path("items").findValuesAsText("address")).contains("127.0.0.1");
        assertThat(audit.json().path("items").findValuesAsText("details"))
                .anySatisfy(d -> assertThat(d).contains("nobody-here").contains("unknown user"))
                .anySatisfy(d -> assertThat(d).contains("pauline").contains("wrong password"));
    }

    @Test
    void cookieRequestsThatChangeStateNeedTheCsrfToken() {
        Answer login = api.post("/api/auth/login", null, json("username", "admin", "password", TestPlatform.ADMIN_PASSWORD));
        String token = login.json().path("token").asText();
        String csrf = login.json().path("csrfToken").asText();
        String cookie = "crm_session=" + token;

        Answer read = api.send(api.request("/api/auth/me").header("Cookie", cookie).GET());
        assertThat(read.status()).as("reading needs no CSRF token").isEqualTo(200);

        Answer noCsrf = api.send(api.request("/api/auth/logout").header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.json().path("type").asText()).isEqualTo(AccessFilter.CSRF_REFUSED);

        Answer wrongCsrf = api.send(api.request("/api/auth/logout").header("Cookie", cookie).header("X-CSRF-Token", "guess")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongCsrf.status()).isEqualTo(403);

        Answer bearer = api.post("/api/users", token, "{}");
        assertThat(bearer.status()).as("the Bearer API needs no CSRF token").isEqualTo(400);

        Answer withCsrf = api.send(api.request("/api/auth/logout").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(withCsrf.status()).isEqualTo(204);
        assertThat(api.get("/api/auth/me", token).status()).as("logged out").isEqualTo(401);
    }

    @Test
    void apiTokensShowTheirSecretOnceRecordUseAndStopWhenRevoked() {
        Answer created = api.post("/api/tokens", admin, json("name", "Dolibarr sync", "role", "STAFF"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/tokens/" + created.json().path("token").path("id").asLong());
        String secret = created.json().path("secret").asText();
        assertThat(secret).startsWith("crm_");
        long id = created.json().path("token").path("id").asLong();

        Answer me = api.get("/api/auth/me", secret);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("role").asText()).as("the token's role, not its ADMIN creator's").isEqualTo("STAFF");
        assertThat(me.json().path("via").asText()).isEqualTo("TOKEN");
        assertThat(me.json().path("token").path("id").asLong()).isEqualTo(id);
        assertThat(me.json().path("token").path("name").asText()).isEqualTo("Dolibarr sync");
        assertThat(me.json().has("username")).as("not the creator's account").isFalse();
        assertThat(api.get("/api/users", secret).status()).as("with the token's role, not its creator's").isEqualTo(403);
        assertThat(api.post("/api/tokens", secret, json("name", "escalade", "role", "ADMIN")).status()).isEqualTo(403);
        assertThat(api.get("/api/companies", secret).status()).isEqualTo(200);

        Answer list = api.get("/api/tokens", admin);
        assertThat(list.raw().body()).doesNotContain(secret);
        assertThat(list.json().path("items").findValues("id").stream().map(n -> n.asLong())).contains(id);
        assertThat(list.json().path("items").get(0).path("lastUsedAt").asText()).isNotEmpty();

        Answer revoked = api.call("DELETE", "/api/tokens/" + id, admin, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").asText()).isNotEmpty();
        assertThat(api.get("/api/auth/me", secret).status()).isEqualTo(401);
        assertThat(api.get("/api/audit?action=token.*&targetId=" + id, admin).json().path("items").findValuesAsText("action"))
                .containsExactly("token.revoked", "token.first_used", "token.created");
    }

    @Test
    void aTokenNeverActsAboveItsCreatorsRoleNorOnceTheCreatorIsDisabled() {
        long bea = createUser("bea", "ADMIN", "Integrations-Ocre-2026");
        String beaSession = api.login("bea", "Integrations-Ocre-2026");
        Answer created = api.post("/api/tokens", beaSession, json("name", "export comptable", "role", "ADMIN",
                "expiresAt", "2030-01-01T00:00:00Z"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        assertThat(api.get("/api/auth/me", secret).json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(api.get("/api/auth/me", secret).json().path("token").path("expiresAt").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(api.get("/api/users", secret).status()).isEqualTo(200);

        long version = api.get("/api/users/" + bea, admin).json().path("version").asLong();
        assertThat(api.call("PATCH", "/api/users/" + bea, admin, json("version", version, "role", "STAFF")).status()).isEqualTo(200);
        Answer me = api.get("/api/auth/me", secret);
        assertThat(me.json().path("role").asText()).as("lowered to its creator's new role").isEqualTo("STAFF");
        assertThat(me.json().path("token").path("role").asText()).as("as it was created").isEqualTo("ADMIN");
        assertThat(api.get("/api/users", secret).status()).isEqualTo(403);
        assertThat(api.post("/api/tokens", secret, json("name", "encore", "role", "ADMIN")).status()).isEqualTo(403);

        assertThat(api.call("PATCH", "/api/users/" + bea, admin, json("version", version + 1, "active", false)).status()).isEqualTo(200);
        assertThat(api.get("/api/companies", secret).status()).as("the creator is disabled").isEqualTo(401);
    }

    @Test
    void anExpiredTokenNoLongerWorks() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(2);
        Answer created = api.post("/api/tokens", admin, json("name", "short-lived", "role", "READ_ONLY", "expiresAt", expiry.toString()));
        String secret = created.json().path("secret").asText();
        assertThat(api.get("/api/auth/me", secret).status()).isEqualTo(200);

        Thread.sleep(java.time.Duration.between(Instant.now(), expiry).toMillis() + 300);

        assertThat(api.get("/api/auth/me", secret).status()).isEqualTo(401);
        assertThat(api.post("/api/tokens", admin, json("name", "past", "role", "STAFF", "expiresAt", "2020-01-01T00:00:00Z")).json()
                .path("errors").get(0).path("field").asText()).isEqualTo("expiresAt");
    }

    @Test
    void badUserInputIsRefusedFieldByFieldAndNothingIsCreated() {
        long before = api.get("/api/users", admin).json().path("total").asLong();

        Answer invalid = api.post("/api/users", admin, json("username", "X", "displayName", "x".repeat(101),
                "email", "pas-une-adresse", "role", "SUPERUSER", "password", "court"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("username", "displayName", "email", "role", "password");
        assertThat(invalid.raw().body()).contains("must be one of ADMIN, STAFF, READ_ONLY");

        Answer common = api.post("/api/users", admin, json("username", "marc", "displayName", "Marc", "email", "marc@ffmas.org",
                "role", "STAFF", "password", "motdepasse123"));
        assertThat(common.json().path("errors").get(0).path("message").asText()).contains("most common passwords");

        Answer unknownField = api.post("/api/users", admin, "{\"username\":\"marc\",\"isAdmin\":true}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("errors").get(0).path("field").asText()).isEqualTo("isAdmin");

        Answer malformed = api.post("/api/users", admin, "{\"username\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");

        createUser("sophie", "STAFF", "Partenariats-Vert-2026");
        Answer duplicate = api.post("/api/users", admin, json("username", "sophie", "displayName", "Autre", "email", "a@b.fr",
                "role", "STAFF", "password", "Partenariats-Vert-2027"));
        assertThat(duplicate.json().path("errors").get(0).path("message").asText()).isEqualTo("is already taken");

        assertThat(api.get("/api/users", admin).json().path("total").asLong()).as("only sophie was created").isEqualTo(before + 1);
    }

    @Test
    void usersAreCreatedWithTheirEmailDomainLowerCasedAndUpdatedWithTheirVersion() {
        long id = createUser("julien", "READ_ONLY", "Lecture-Seule-Bleu-26");
        Answer created = api.get("/api/users/" + id, admin);
        assertThat(created.json().path("email").asText()).isEqualTo("julien@partenaire.fr");
        long version = created.json().path("version").asLong();
        String session = api.login("julien", "Lecture-Seule-Bleu-26");

        Answer promoted = api.call("PATCH", "/api/users/" + id, admin, json("version", version, "role", "STAFF"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asText()).isEqualTo("STAFF");
        assertThat(promoted.json().path("version").asLong()).isEqualTo(version + 1);
        assertThat(api.get("/api/auth/me", session).status()).as("a role change ends the user's sessions").isEqualTo(401);

        Answer stale = api.call("PATCH", "/api/users/" + id, admin, json("version", version, "displayName", "Julien M."));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(version + 1);

        assertThat(api.get("/api/audit?action=user.role_changed&targetId=" + id, admin).json().path("items").get(0)
                .path("details").asText()).contains("READ_ONLY").contains("STAFF");
    }

    @Test
    void theLastActiveAdminCannotBeDemoted() {
        Answer me = api.get("/api/auth/me", admin);
        Answer demote = api.call("PATCH", "/api/users/" + me.json().path("id").asLong(), admin,
                json("version", me.json().path("version").asLong(), "role", "STAFF"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().path("detail").asText()).contains("At least one active ADMIN");
    }

    @Test
    void usersChangeTheirOwnPasswordAndOnlyAdminsResetOthers() {
        long anne = createUser("anne", "STAFF", "Communication-Rouge-26");
        long bruno = createUser("bruno", "STAFF", "Direction-Orange-2026");
        String anneSession = api.login("anne", "Communication-Rouge-26");

        Answer wrongCurrent = api.post("/api/users/" + anne + "/password", anneSession,
                json("currentPassword", "pas-le-bon", "newPassword", "Nouveau-Secret-Jaune-27"));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.json().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");

        Answer others = api.post("/api/users/" + bruno + "/password", anneSession, json("newPassword", "Force-Par-Une-Autre-1"));
        assertThat(others.status()).isEqualTo(403);

        Answer own = api.post("/api/users/" + anne + "/password", anneSession,
                json("currentPassword", "Communication-Rouge-26", "newPassword", "Nouveau-Secret-Jaune-27"));
        assertThat(own.status()).isEqualTo(204);
        api.login("anne", "Nouveau-Secret-Jaune-27");

        Answer reset = api.post("/api/users/" + bruno + "/password", admin, json("newPassword", "Reinitialise-Gris-2026"));
        assertThat(reset.status()).isEqualTo(204);
        api.login("bruno", "Reinitialise-Gris-2026");
        assertThat(api.get("/api/audit?targetType=user&targetId=" + bruno, admin).json().path("items").findValuesAsText("action"))
                .contains("user.password_reset", "user.created");
    }

    @Test
    void anInactiveUserCannotLogIn() {
        long id = createUser("claude", "STAFF", "Depart-Violet-2026-X");
        long version = api.get("/api/users/" + id, admin).json().path("version").asLong();
        api.call("PATCH", "/api/users/" + id, admin, json("version", version, "active", false));

        Answer login = api.post("/api/auth/login", null, json("username", "claude", "password", "Depart-Violet-2026-X"));
        assertThat(login.status()).isEqualTo(401);
    }

    @Test
    void auditSearchIsPagedAndChecksItsParameters() {
        Answer page = api.get("/api/audit?action=auth.login.*&size=2&page=1", admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("size").asInt()).isEqualTo(2);
        assertThat(page.json().path("page").asInt()).isEqualTo(1);
        assertThat(page.json().path("items").size()).isLessThanOrEqualTo(2);
        assertThat(page.json().path("total").asLong()).isPositive();

        Answer bad = api.get("/api/audit?from=yesterday&size=100000", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("from");
    }
}
