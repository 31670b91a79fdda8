package org.ffmas.crm.security;

import org.ffmas.crm.api.access.Role;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every route the API serves, as found in the running platform (so routes added later
 * are covered without anyone listing them), with no credentials and with a token of each role.
 */
@Tag("database")
class RoleMatrixTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    /** State-changing routes a READ_ONLY user may still call: about their own session and password. */
    private static final Set<String> SELF_SERVICE = Set.of("POST /api/auth/logout", "POST /logout", "POST /api/users/{id}/password");
    /** Reads that take a body, so are POSTs: they change nothing. */
    private static final Set<String> READS_BY_POST = Set.of("POST /api/segments/preview", "POST /api/campaigns/{id}/preview");

    record Route(String method, String path, Method javaMethod, Class<?> type, String consumes) {
        boolean isPage() {
            return type.isAnnotationPresent(org.ffmas.crm.web.UiPage.class);
        }

        boolean isPublic() {
            return AccessFilter.isPublic(javaMethod, type);
        }

        Set<Role> allowed() {
            return AccessFilter.allowedRoles(javaMethod, type);
        }

        /** The path with each parameter filled with a value its pattern accepts (an id that does not exist, the first choice...). */
        String concretePath() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}:]+)(?::\\s*([^}]+))?}").matcher(path);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String regex = m.group(2) == null ? "[^/]+" : m.group(2).strip();
                String value = java.util.stream.Stream.of("999999", regex.split("\\|")[0].replaceAll("[^a-z]", ""), "missing.css")
                        .filter(v -> v.matches(regex)).findFirst().orElse("999999");
                m.appendReplacement(out, value);
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Map<Role, String> tokens = new EnumMap<>(Role.class);
    static List<Route> routes;

    @BeforeAll
    static void tokensForEveryRole() {
        String admin = crm.adminToken();
        for (Role role : Role.values()) {
            Answer a = crm.client().post("/api/tokens", admin, ApiClient.json("name", "matrix " + role, "role", role.name()));
            assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
            tokens.put(role, a.json().path("secret").asText());
        }
        routes = routes(crm.platform().apiResources());
    }

    static List<Route> routes(List<Object> resources) {
        List<Route> out = new ArrayList<>();
        for (Object r : resources) {
            Resource resource = Resource.from(r.getClass());
            if (resource != null) { // providers (filters) are registered beside the resources
                walk(resource, "", r.getClass(), out);
            }
        }
        return out;
    }

    private static void walk(Resource resource, String prefix, Class<?> type, List<Route> out) {
        String path = (prefix + "/" + resource.getPath()).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        for (ResourceMethod m : resource.getResourceMethods()) {
            String consumes = m.getConsumedTypes().isEmpty() ? "application/json" : m.getConsumedTypes().get(0).toString();
            out.add(new Route(m.getHttpMethod(), path, m.getInvocable().getDefinitionMethod(), type, consumes));
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, type, out);
        }
    }

    /** The route called with a body of the type it consumes, so that only access can refuse it. */
    private static Answer call(Route route, String token) {
        boolean hasBody = !Set.of("GET", "DELETE", "HEAD", "OPTIONS").contains(route.method());
        var request = crm.client().request(route.concretePath());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (route.toString().equals("POST /login")) {
            // as a browser posts the login form: with the form's token, in its field and its cookie
            String form = crm.client().send(crm.client().request("/login")).header("Set-Cookie");
            String csrf = form.substring(form.indexOf('=') + 1, form.indexOf(';'));
            request.header("Cookie", LoginFormToken.COOKIE + "=" + csrf).header("Content-Type", route.consumes())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(LoginFormToken.FIELD + "=" + csrf));
        } else if (hasBody) {
            boolean json = route.consumes().contains("json") || route.consumes().equals("*/*");
            request.header("Content-Type", json ? "application/json" : route.consumes())
                    .method(route.method(), java.net.http.HttpRequest.BodyPublishers.ofString(json ? "{}" : "not a plugin"));
        } else {
            request.method(route.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        }
        return crm.client().send(request);
    }

    private static boolean refusedForRole(Answer a) {
        return a.status() == 403 && a.json() != null && AccessFilter.ROLE_NOT_ALLOWED.equals(a.json().path("type").asText());
    }

    @Test
    void theWalkFindsTheKnownRoutes() {
        assertThat(routes).extracting(Route::toString).contains("GET /health", "POST /api/auth/login", "GET /api/users",
                "PATCH /api/users/{id}", "POST /api/tokens", "DELETE /api/tokens/{id}", "GET /api/audit");
    }

    @Test
    void theImportRoutesAnswerEachRoleAsTheReadmeSays() {
        Set<Role> everyone = Set.of(Role.ADMIN, Role.STAFF, Role.READ_ONLY);
        Map<String, Set<Role>> expected = Map.of(
                "GET /api/imports", everyone,
                "GET /api/imports/{id: \\d+}", everyone,
                "GET /api/imports/{id: \\d+}/rejections", everyone,
                "GET /api/imports/{id: \\d+}/rejected.csv", everyone,
                "POST /api/imports/{id: \\d+}/restart", Set.of(Role.ADMIN, Role.STAFF));
        expected.forEach((name, roles) -> {
            Route r = routes.stream().filter(x -> x.toString().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " is served"));
            assertThat(r.allowed()).as(name).isEqualTo(roles);
            for (Role role : Role.values()) {
                Answer a = call(r, tokens.get(role));
                // the walk's id does not exist: an allowed role is told so, the others are refused first
                assertThat(a.status()).as(name + " as " + role + ": " + a.raw().body()).isEqualTo(roles.contains(role) ? (r.path().endsWith("imports") ? 200 : 404) : 403);
            }
        });
    }

    @Test
    void reviewingBouncesIsForAdminsAndIssuingReceiptsForStaff() {
        Map<String, Set<Role>> expected = Map.of("GET /api/campaigns/bounces/unverified", Set.of(Role.ADMIN),
                "POST /api/agreements/{id: \\d+}/receipts", Set.of(Role.ADMIN, Role.STAFF),
                "GET /api/agreements/{id: \\d+}/receipt.pdf", Set.of(Role.ADMIN, Role.STAFF),
                "POST /agreements/{id: \\d+}/receipts", Set.of(Role.ADMIN, Role.STAFF));
        expected.forEach((route, roles) -> assertThat(routes.stream().filter(r -> r.toString().equals(route)).findFirst())
                .as(route).hasValueSatisfying(r -> assertThat(r.allowed()).as(route).isEqualTo(roles)));
    }

    @Test
    void everyRouteIsPublicOrDeclaresItsRoles() {
        for (Route r : routes) {
            assertThat(r.isPublic() || !r.allowed().isEmpty()).as(r + " declares who may call it").isTrue();
        }
        assertThat(routes.stream().filter(Route::isPublic).map(Route::toString))
                .as("only login, health, the unsubscribe link (its signed token is the proof), the language switch and the pages' assets are open")
                .containsExactlyInAnyOrder("GET /health", "GET /health/live", "GET /health/ready", "POST /api/auth/login", "GET /u/{token}", "POST /u/{token}", "GET /login", "POST /login",
                        "GET /lang/{lang}", "GET /assets/{name: [a-z0-9-]+\\.(css|js)}");
    }

    @Test
    void readOnlyChangesNothingExceptItsOwnSessionAndPassword() {
        for (Route r : routes) {
            if (!r.method().equals("GET") && !SELF_SERVICE.contains(r.toString()) && !READS_BY_POST.contains(r.toString())) {
                assertThat(r.allowed()).as(r + " must not allow READ_ONLY").doesNotContain(Role.READ_ONLY);
            }
        }
    }

    @Test
    void withoutCredentialsOnlyPublicRoutesAnswer() {
        for (Route r : routes) {
            Answer a = call(r, null);
            if (r.isPublic()) {
                assertThat(a.status()).as(r + " without credentials").isNotIn(401, 403);
            } else if (r.isPage()) {
                assertThat(a.status()).as(r + " without credentials sends to the login form").isEqualTo(303);
                assertThat(a.header("Location")).contains("/login?next=");
            } else {
                assertThat(a.status()).as(r + " without credentials").isEqualTo(401);
                assertThat(a.header("Content-Type")).contains("application/problem+json");
            }
        }
    }

    @Test
    void aBadTokenIsUnauthenticatedEverywhere() {
        for (Route r : routes) {
            if (!r.isPublic()) {
                int expected = r.isPage() ? 303 : 401;
                assertThat(call(r, "crm_not-a-real-token").status()).as(r + " with a bad token").isEqualTo(expected);
                assertThat(call(r, "not-a-session").status()).as(r + " with a bad session token").isEqualTo(expected);
            }
        }
    }

    @Test
    void eachRoleReachesExactlyTheRoutesThatAllowIt() {
        for (Route r : routes) {
            if (r.isPublic()) {
                continue;
            }
            for (Role role : Role.values()) {
                Answer a = call(r, tokens.get(role));
                if (r.allowed().contains(role)) {
                    assertThat(a.status()).as(r + " as " + role + ": " + a.raw().body()).isNotEqualTo(401);
                    assertThat(refusedForRole(a)).as(r + " as " + role + " is allowed").isFalse();
                } else {
                    assertThat(refusedForRole(a)).as(r + " as " + role + " must be refused, got " + a.status() + " " + a.raw().body()).isTrue();
                }
            }
        }
    }
}
