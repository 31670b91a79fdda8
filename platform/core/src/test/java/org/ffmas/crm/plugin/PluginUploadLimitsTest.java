package org.ffmas.crm.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an administrator's upload may hold, and where the secrets typed for a plugin go and how long they stay. */
@Tag("database")
class PluginUploadLimitsTest {

    static Path pluginsDir;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginsDir = folderWithABrokenFile());

    static ApiClient api;
    static String admin;

    private static Path folderWithABrokenFile() {
        try {
            Path dir = Files.createTempDirectory("crm-upload-limits");
            Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void login() {
        api = crm.client();
        admin = crm.adminToken();
    }

    private static Answer upload(Path file, String name) throws IOException {
        return api.send(api.request("/api/plugins?fileName=" + name).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(file)));
    }

    private static void assertRefused(Answer answer, int status, String name, String says) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).contains("problem+json");
        assertThat(answer.raw().body()).contains(says).doesNotContain(pluginsDir.toString()).doesNotContain("/tmp");
        assertThat(Files.exists(pluginsDir.resolve(name))).as("nothing left in the plugins folder").isFalse();
    }

    @Test
    void anArchiveOfTooManyEntriesIsRefused() throws Exception {
        Path zip = Files.createTempFile("entries", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i <= ArchiveLimits.MAX_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("e" + i + ".txt"));
                out.write('x');
                out.closeEntry();
            }
        }
        assertRefused(upload(zip, "entries.zip"), 400, "entries.zip", "more than 10000 entries");
    }

    @Test
    void anEntryThatInflatesAThousandTimesIsRefused() throws Exception {
        Path zip = Files.createTempFile("bomb", ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(zip)).as("a small file").isLessThan(1024 * 1024);
        assertRefused(upload(zip, "bomb.jar"), 400, "bomb.jar", "zip bomb");
    }

    @Test
    void anArchiveLargerThan200MegabytesOnceInflatedIsRefused() throws Exception {
        Path zip = Files.createTempFile("large", ".zip");
        Random random = new Random(19);
        byte[] block = new byte[1024];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            // about 40 times smaller packed: under the per-entry ratio, over the total
            for (int e = 0; e < 21; e++) {
                out.putNextEntry(new ZipEntry("data" + e + ".bin"));
                writeBlocks(out, random, block, 10 * 1024);
                out.closeEntry();
            }
        }
        assertRefused(upload(zip, "large.zip"), 413, "large.zip", "200 MB");
    }

    private static void writeBlocks(OutputStream out, Random random, byte[] block, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 24; j++) {
                block[j] = (byte) random.nextInt();
            }
            out.write(block);
        }
    }

    @Test
    void whatIsNotAPluginIsRefusedWithoutNamingAServerFolder() throws Exception {
        Path zip = Files.createTempFile("empty", ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("no descriptor here".getBytes());
            out.closeEntry();
        }
        assertRefused(upload(zip, "nothing.jar"), 400, "nothing.jar", "not a plugin");
        String listed = api.get("/api/plugins", admin).raw().body();
        assertThat(listed).contains("notes.zip").doesNotContain(pluginsDir.toString()).doesNotContain(crm.dataDir().toString());
    }

    @Test
    void theSecretsTypedForAPluginAreOwnerOnlyAndGoWithThePlugin() throws Exception {
        Path jar = TestPlugins.greeter("keeper", "1.0.0").buildInto(Files.createTempDirectory("keeper"));
        TestPlugins.settingsFile(crm.dataDir().resolve("plugin-config"), "keeper", "apiKey=from-config\n");
        assertThat(upload(jar, "keeper-1.0.0.jar").status()).isEqualTo(201);

        Answer set = api.call("PUT", "/api/plugins/keeper/settings", admin, json("apiKey", "typed-secret"));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        Path stored = crm.dataDir().resolve("plugins").resolve("keeper").resolve("settings.properties");
        assertThat(Files.readString(stored)).contains("typed-secret");
        assertThat(Files.getPosixFilePermissions(stored)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        try (var files = Files.list(stored.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no copy left beside it").containsExactly("settings.properties");
        }

        assertThat(api.call("DELETE", "/api/plugins/keeper", admin, null).status()).isEqualTo(204);
        assertThat(Files.exists(stored)).as("removed with the plugin").isFalse();
    }

    @Test
    void anUpgradeKeepsTheSettingsTypedForThePlugin() throws Exception {
        Path build = Files.createTempDirectory("upgrade");
        TestPlugins.settingsFile(crm.dataDir().resolve("plugin-config"), "upgraded", "apiKey=from-config\n");
        assertThat(upload(TestPlugins.greeter("upgraded", "1.0.0").buildInto(build), "upgraded-1.0.0.jar").status()).isEqualTo(201);
        assertThat(api.call("PUT", "/api/plugins/upgraded/settings", admin, json("greeting", "Salut")).status()).isEqualTo(200);

        assertThat(upload(TestPlugins.greeter("upgraded", "1.1.0").buildInto(build), "upgraded-1.1.0.jar").status()).isEqualTo(201);

        assertThat(api.get("/api/plugins/upgraded/settings", admin).json().path("values").path("greeting").asText()).isEqualTo("Salut");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(
                crm.dataDir().resolve("plugins").resolve("upgraded").resolve("settings.properties"));
        assertThat(perms).doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);
    }
}
