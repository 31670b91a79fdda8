package org.ffmas.crm.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged platform run the way the README runs it: {@code java -jar
 * platform/core/target/crm-platform.jar} from the repository root, as a separate process.
 */
final class PlatformProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("crm.platform.jar", "../platform/core/target/crm-platform.jar"));
    static final Path REPOSITORY_ROOT = Path.of(System.getProperty("crm.repository.root", ".."));

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlatformProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /** Starts the jar with these {@code CRM_*} variables; output goes to files in {@code logDir}. */
    static PlatformProcess start(Path logDir, String name, Map<String, String> env) throws IOException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-jar", JAR.toAbsolutePath().toString()))
                .directory(REPOSITORY_ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // a clean slate: only the settings the test gives
        pb.environment().keySet().removeIf(k -> k.startsWith("CRM_"));
        pb.environment().putAll(env);
        String portText = env.getOrDefault("CRM_HTTP_PORT", "8080");
        int port = portText.matches("\\d+") ? Integer.parseInt(portText) : -1;
        return new PlatformProcess(pb.start(), out, err, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Polls {@code /health} until it answers 200; returns the milliseconds it took. */
    long awaitHealthy(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("platform exited with " + process.exitValue() + ":\n" + stderr() + "\n" + stdout());
            }
            try {
                HttpResponse<String> r = health();
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("platform not healthy within " + timeout + ":\n" + stdout());
    }

    HttpResponse<String> health() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a login and returns the status. */
    int login(String username, String password) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** SIGTERM, as Ctrl-C or a service manager would. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown code runs at all. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for the exit; returns the exit code, or fails when it takes longer than {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("platform still running after " + timeout);
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** mariadbd processes serving this data folder, whoever started them. */
    static List<ProcessHandle> mariadbServing(Path dataDir) throws IOException {
        String argument = "--datadir=" + dataDir.resolve("mariadb/data").toFile().getCanonicalPath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
                .toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
