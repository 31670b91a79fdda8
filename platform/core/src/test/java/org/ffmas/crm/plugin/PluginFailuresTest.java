package org.ffmas.crm.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.testkit.PluginJarBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Broken plugins of every kind: each is FAILED with its reason, and the platform goes on serving. */
@Tag("database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginFailuresTest {

    static Path pluginsDir;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginsDir = brokenPlugins());

    static ApiClient api;
    static String admin;

    private static Path brokenPlugins() {
        try {
            Path dir = Files.createTempDirectory("crm-broken-plugins");
            PluginJarBuilder.plugin("nameless", "1.0.0", "demo.X").descriptor("Plugin-Id", null)
                    .source("demo.X", "package demo; public class X extends org.ffmas.crm.api.CrmPlugin {}").buildInto(dir);
            PluginJarBuilder.plugin("ghost", "1.0.0", "demo.ghost.NotThere")
                    .source("demo.ghost.Other", "package demo.ghost; public class Other {}").buildInto(dir);
            PluginJarBuilder.plugin("future", "1.0.0", "demo.future.Main").descriptor("Plugin-Requires", ">=2.0.0")
                    .source("demo.future.Main", "package demo.future; public class Main extends org.ffmas.crm.api.CrmPlugin {}").buildInto(dir);
            PluginJarBuilder.plugin("crasher", "1.0.0", "demo.crasher.Main")
                    .source("demo.crasher.Main", """
                            package demo.crasher;
                            public class Main extends org.ffmas.crm.api.CrmPlugin {
                                @Override public void start(org.ffmas.crm.api.PluginContext ctx) { throw new IllegalStateException("boom at start"); }
                            }""").buildInto(dir);
            TestPlugins.greeter("unconfigured", "1.0.0").buildInto(dir);
            TestPlugins.withListener("grumpy", "throw new IllegalStateException(\"grumpy listener\");").buildInto(dir);
            TestPlugins.withListener("sleepy", "try { Thread.sleep(60_000); } catch (InterruptedException stop) { Thread.currentThread().interrupt(); }")
                    .buildInto(dir);
            Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void login() {
        api = crm.client();
        admin = crm.adminToken();
    }

    private static JsonNode plugin(String id) {
        for (JsonNode p : api.get("/api/plugins", admin).json().path("items")) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + api.get("/api/plugins", admin).raw().body());
    }

    @Test
    void eachBrokenPluginIsFailedWithItsReason() {
        assertThat(plugin("nameless-1.0.0.jar").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("nameless-1.0.0.jar").path("error").asText()).containsIgnoringCase("id");
        assertThat(plugin("notes.zip").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("ghost").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("ghost").path("error").asText()).contains("demo.ghost.NotThere");
        assertThat(plugin("future").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("future").path("error").asText()).contains("needs platform API >=2.0.0").contains(org.ffmas.crm.api.ApiVersion.CURRENT);
        assertThat(plugin("crasher").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("crasher").path("error").asText()).contains("boom at start");
        assertThat(plugin("unconfigured").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("unconfigured").path("error").asText()).contains("apiKey is required");
    }

    @Test
    void healthSaysDegradedAndThePlatformServes() {
        Answer health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json().path("components").path("plugins").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json().path("components").path("plugins").path("details").path("failed").toString())
                .contains("crasher", "ghost", "future");
        assertThat(api.get("/api/companies", admin).status()).isEqualTo(200);
    }

    @Test
    void startingAFailedPluginWhoseCauseRemainsIsAConflict() {
        Answer again = api.post("/api/plugins/future/start", admin, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains(">=2.0.0");
        assertThat(api.post("/api/plugins/unconfigured/start", admin, null).status()).isEqualTo(409);
        assertThat(api.post("/api/plugins/nobody/start", admin, null).status()).isEqualTo(404);
    }

    @Test
    void listenersThatThrowOrHangNeitherBreakNorSlowTheRequest() {
        assertThat(plugin("grumpy").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin("sleepy").path("state").asText()).isEqualTo("STARTED");
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Answer created = api.post("/api/companies", admin, json("legalName", "Résiliente " + i));
            assertThat(created.status()).isEqualTo(201);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("listeners run off the request thread").isLessThan(3_000);
        assertThat(api.post("/api/plugins/sleepy/stop", admin, null).json().path("state").asText()).isEqualTo("STOPPED");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aFixedPluginCanBeStartedOnceItsCauseIsGone() throws Exception {
        TestPlugins.settingsFile(crm.dataDir().resolve("plugin-config"), "unconfigured", "apiKey=now-set\n");
        Answer started = api.post("/api/plugins/unconfigured/start", admin, null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
        assertThat(started.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(started.json().path("error").isNull() || started.json().path("error").isMissingNode()).isTrue();
    }
}
