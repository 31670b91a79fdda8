package org.ffmas.crm.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login CSRF: another site must not be able to log a staff member's browser in to an account of
 * its choosing (whose pages would then receive what the staff member types). The form carries a
 * token matching a cookie of its own; the JSON login takes nothing a cross-site form can send.
 */
@Tag("database")
class LoginFormTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static final Pattern FIELD = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]*)\">");

    static ApiClient api;
    static String admin;

    @BeforeAll
    static void clients() {
        api = crm.client();
        admin = crm.adminToken();
    }

    /** The login form as a browser gets it: the cookie's value and the hidden field's. */
    record Form(String cookie, String setCookie, String field) {}

    static Form loginForm() {
        Answer page = api.send(api.request("/login?next=/companies"));
        assertThat(page.status()).isEqualTo(200);
        String setCookie = page.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("crm_login_csrf=")).findFirst()
                .orElseThrow(() -> new AssertionError("no login CSRF cookie"));
        Matcher m = FIELD.matcher(page.raw().body());
        assertThat(m.find()).as("the form's hidden csrf field").isTrue();
        return new Form(setCookie.substring("crm_login_csrf=".length(), setCookie.indexOf(';')), setCookie, m.group(1));
    }

    static Answer post(String cookie, String csrf, String username, String password) {
        StringBuilder body = new StringBuilder("next=%2Fcompanies&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        if (csrf != null) {
            body.append("&csrf=").append(csrf);
        }
        HttpRequest.Builder r = api.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            r.header("Cookie", "crm_login_csrf=" + cookie);
        }
        return api.send(r);
    }

    static long logins(String action) {
        return api.get("/api/audit?action=" + action, admin).json().path("total").asLong();
    }

    static List<String> sessionCookies(Answer a) {
        return a.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("crm_session=") || c.startsWith("crm_csrf=")).toList();
    }

    @Test
    void theFormCarriesItsTokenAndLogsIn() {
        Form form = loginForm();
        assertThat(form.field()).isEqualTo(form.cookie()).hasSize(32);
        assertThat(form.setCookie()).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/login");

        Answer in = post(form.cookie(), form.field(), "admin", TestPlatform.ADMIN_PASSWORD);
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.header("Location")).isEqualTo("/companies");
        assertThat(sessionCookies(in)).anySatisfy(c -> assertThat(c).startsWith("crm_session="));
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithTheSameToken() {
        Form form = loginForm();
        Answer wrong = post(form.cookie(), form.field(), "admin", "pas-le-bon-mot-de-passe");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().body()).contains("Identifiant ou mot de passe incorrect.");
        Matcher m = FIELD.matcher(wrong.raw().body());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(form.cookie());
        assertThat(post(form.cookie(), m.group(1), "admin", TestPlatform.ADMIN_PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void aLoginPostedWithoutTheFormsTokenIsRefusedAndLogsNoOneIn() {
        long successes = logins("auth.login.success");
        long failures = logins("auth.login.failure");
        Form mine = loginForm();
        Form another = loginForm();
        // what another site can make a browser post: the attacker's own account, without our cookie or with a token of its own
        List<Answer> forged = List.of(
                post(null, null, "admin", TestPlatform.ADMIN_PASSWORD),
                post(null, another.field(), "admin", TestPlatform.ADMIN_PASSWORD),
                post(mine.cookie(), null, "admin", TestPlatform.ADMIN_PASSWORD),
                post(mine.cookie(), another.field(), "admin", TestPlatform.ADMIN_PASSWORD),
                post(mine.cookie(), "", "admin", TestPlatform.ADMIN_PASSWORD));
        for (Answer a : forged) {
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.header("Content-Type")).startsWith("text/html");
            assertThat(a.raw().body()).contains("Action non autorisée").contains("Le formulaire de connexion a expiré");
            assertThat(sessionCookies(a)).as("no session").isEmpty();
        }
        assertThat(logins("auth.login.success")).as("nobody logged in").isEqualTo(successes);
        assertThat(logins("auth.login.failure")).as("no password checked either").isEqualTo(failures);
    }

    @Test
    void theJsonLoginTakesNothingACrossSiteFormCanSend() {
        String credentials = json("username", "admin", "password", TestPlatform.ADMIN_PASSWORD);
        long successes = logins("auth.login.success");
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Answer a = api.send(api.request("/api/auth/login").header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(credentials)));
            assertThat(a.status()).as(type).isEqualTo(415);
            assertThat(sessionCookies(a)).isEmpty();
        }
        // fetch() with a Blob of no type sends no Content-Type at all
        Answer untyped = api.send(api.request("/api/auth/login").POST(HttpRequest.BodyPublishers.ofString(credentials)));
        assertThat(untyped.status()).isEqualTo(415);
        assertThat(sessionCookies(untyped)).isEmpty();
        assertThat(logins("auth.login.success")).isEqualTo(successes);
    }
}
