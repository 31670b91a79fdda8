package org.ffmas.crm.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.WeakReference;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real plugin jars loaded, started, stopped, uploaded and removed while the platform serves. */
@Tag("database")
class PluginLifecycleTest {

    static Path pluginsDir;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginsDir = tempDir());

    static ApiClient api;
    static String admin;
    static String staff;

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("crm-plugins");
            TestPlugins.greeter("greeter", "1.0.0").buildInto(dir);
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void tokens() throws Exception {
        // the greeter needs its secret: give it through the settings file, as an operator would, then start it
        TestPlugins.settingsFile(crm.dataDir().resolve("plugin-config"), "greeter", "apiKey=k-123\ngreeting=Salut\n");
        api = crm.client();
        admin = crm.adminToken();
        staff = api.post("/api/tokens", admin, json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        Answer started = api.post("/api/plugins/greeter/start", admin, null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
    }

    private static JsonNode plugin(String id) {
        for (JsonNode p : api.get("/api/plugins", admin).json().path("items")) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aStartedPluginServesItsApiRunsItsRoutesAndHearsEvents() throws Exception {
        JsonNode p = plugin("greeter");
        assertThat(p.path("state").asText()).isEqualTo("STARTED");
        assertThat(p.path("version").asText()).isEqualTo("1.0.0");
        assertThat(p.path("provider").asText()).isEqualTo("FFMAS tests");
        assertThat(p.path("extensions").toString()).contains("GreeterRoutes", "GreeterApi", "GreeterListener");

        Answer greeting = api.get("/api/plugins/greeter/greeting", staff);
        assertThat(greeting.status()).as(greeting.raw().body()).isEqualTo(200);
        assertThat(greeting.json().path("greeting").asText()).isEqualTo("Salut");
        assertThat(greeting.json().has("agreements")).as("the plugin reads agreements through its context").isTrue();
        assertThat(api.get("/api/plugins/greeter/greeting", null).status()).as("behind the platform's auth").isEqualTo(401);
        assertThat(api.post("/api/plugins/greeter/greeting", staff, null).status()).as("the plugin's roles hold").isEqualTo(403);
        assertThat(api.post("/api/plugins/greeter/greeting", admin, null).status()).isEqualTo(200);

        JsonNode routes = api.get("/api/integration/routes", staff).json().path("items");
        assertThat(routes.findValuesAsText("id")).contains("greeter-hello");
        for (JsonNode r : routes) {
            if (r.path("id").asText().equals("greeter-hello")) {
                assertThat(r.path("owner").asText()).isEqualTo("greeter");
                assertThat(r.path("state").asText()).isEqualTo("Started");
                assertThat(r.path("completed").asLong()).isPositive();
            }
        }

        api.post("/api/companies", staff, json("legalName", "Écoutée SARL"));
        Path log = crm.dataDir().resolve("plugins/greeter/events.log");
        long deadline = System.currentTimeMillis() + 5000;
        while (!(Files.exists(log) && Files.readString(log).contains("CompanyCreated")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).contains("CompanyCreated");
    }

    @Test
    void stoppingTakesAwayItsRoutesAndApiAtOnceAndStartingBringsThemBack() {
        assertThat(api.post("/api/plugins/greeter/stop", admin, null).json().path("state").asText()).isEqualTo("STOPPED");
        assertThat(api.get("/api/plugins/greeter/greeting", staff).status()).isEqualTo(404);
        assertThat(api.get("/api/integration/routes", staff).json().path("items").findValuesAsText("id")).doesNotContain("greeter-hello");

        assertThat(api.post("/api/plugins/greeter/start", admin, null).json().path("state").asText()).isEqualTo("STARTED");
        assertThat(api.get("/api/plugins/greeter/greeting", staff).status()).isEqualTo(200);
    }

    @Test
    void settingsAreValidatedSecretsMaskedAndChangesRestartThePlugin() {
        JsonNode settings = api.get("/api/plugins/greeter/settings", admin).json();
        assertThat(settings.path("values").path("apiKey").asText()).isEqualTo("********");
        assertThat(settings.path("values").path("greeting").asText()).isEqualTo("Salut");
        assertThat(settings.path("specs").findValuesAsText("key")).containsExactly("greeting", "apiKey", "repeat");

        Answer bad = api.call("PUT", "/api/plugins/greeter/settings", admin, json("repeat", "twice", "colour", "blue"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("repeat", "colour");
        assertThat(api.get("/api/plugins/greeter/greeting", staff).json().path("greeting").asText()).as("unchanged").isEqualTo("Salut");

        Answer ok = api.call("PUT", "/api/plugins/greeter/settings", admin, json("repeat", 2, "apiKey", "********"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/plugins/greeter/greeting", staff).json().path("greeting").asText()).isEqualTo("SalutSalut");
        api.call("PUT", "/api/plugins/greeter/settings", admin, "{\"repeat\": null}");
    }

    @Test
    void aDisabledPluginStaysDisabledAcrossRestarts() throws Exception {
        TestPlugins.greeter("sleeper", "1.0.0").buildInto(pluginsDir);
        TestPlugins.settingsFile(crm.dataDir().resolve("plugin-config"), "sleeper", "apiKey=x\n");
        crm.stop();
        crm.start(Optional.empty());
        api = crm.client();
        admin = crm.adminToken();
        assertThat(plugin("sleeper").path("state").asText()).isEqualTo("STARTED");

        assertThat(api.post("/api/plugins/sleeper/disable", admin, null).json().path("state").asText()).isEqualTo("DISABLED");
        crm.stop();
        crm.start(Optional.empty());
        api = crm.client();
        admin = crm.adminToken();
        staff = api.post("/api/tokens", admin, json("name", "staff again", "role", "STAFF")).json().path("secret").asText();

        assertThat(plugin("sleeper").path("state").asText()).isEqualTo("DISABLED");
        assertThat(api.post("/api/plugins/sleeper/start", admin, null).status()).isEqualTo(409);
        assertThat(api.post("/api/plugins/sleeper/enable", admin, null).json().path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin("greeter").path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void uploadStartsAPluginAndDeleteRemovesItWhileThePlatformServes() throws Exception {
        Path build = Files.createTempDirectory("upload");
        Path jar = TestPlugins.greeter("uploaded", "2.1.0").buildInto(build);
        TestPlugins.settingsFile(crm.dataDir().resolve("plugin-config"), "uploaded", "apiKey=u\n");

        Answer up = api.send(api.request("/api/plugins?fileName=uploaded-2.1.0.jar").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(jar)));
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        assertThat(up.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(api.get("/api/plugins/uploaded/greeting", staff).status()).isEqualTo(200);

        Answer again = api.send(api.request("/api/plugins?fileName=uploaded-copy.jar").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(jar)));
        assertThat(again.status()).as("same plugin, same version").isEqualTo(409);
        assertThat(Files.exists(pluginsDir.resolve("uploaded-copy.jar"))).isFalse();

        Path newer = TestPlugins.greeter("uploaded", "2.2.0").buildInto(build);
        Answer upgrade = api.send(api.request("/api/plugins?fileName=uploaded-2.2.0.jar").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(newer)));
        assertThat(upgrade.status()).as(upgrade.raw().body()).isEqualTo(201);
        assertThat(upgrade.json().path("version").asText()).isEqualTo("2.2.0");
        assertThat(upgrade.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(Files.exists(pluginsDir.resolve("uploaded-2.1.0.jar"))).as("the old version is gone").isFalse();

        Answer junk = api.send(api.request("/api/plugins?fileName=junk.jar").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofString("not a jar")));
        assertThat(junk.status()).isEqualTo(400);
        assertThat(Files.exists(pluginsDir.resolve("junk.jar"))).isFalse();

        WeakReference<ClassLoader> loader = new WeakReference<>(crm.platform().plugins().classLoader("uploaded").orElseThrow());
        assertThat(api.call("DELETE", "/api/plugins/uploaded", admin, null).status()).isEqualTo(204);
        assertThat(Files.exists(pluginsDir.resolve("uploaded-2.2.0.jar"))).isFalse();
        assertThat(plugin("uploaded")).isNull();
        assertThat(api.get("/api/plugins/uploaded/greeting", staff).status()).isEqualTo(404);
        assertThat(api.get("/health", null).status()).isEqualTo(200);

        long deadline = System.currentTimeMillis() + 20_000;
        while (loader.get() != null && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(loader.get()).as("the removed plugin's class loader is collected").isNull();
    }
}
