package org.ffmas.crm;

import java.nio.file.Path;
import java.time.Clock;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.config.SettingException;
import org.ffmas.crm.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar crm-platform.jar}: reads the settings, starts the platform and runs until
 * SIGTERM or Ctrl-C, then stops in order and exits 0. A setting the platform cannot start with
 * exits 2 with one line naming it; any other failure to start exits 1.
 */
public final class Main {

    static final int EXIT_BAD_SETTING = 2;
    static final int EXIT_START_FAILED = 1;

    private Main() {}

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger(Main.class);

        PlatformSettings settings;
        try {
            settings = new SettingsLoader(System.getenv(), Path.of(""), defaultPluginsDir()).load();
        } catch (SettingException e) {
            fail(EXIT_BAD_SETTING, e.getMessage());
            return;
        }
        Platform platform = new Platform(settings, Clock.systemUTC());
        // a JVM stopped by a signal exits 143/130 even after its shutdown hooks; we stop
        // ourselves and exit 0, keeping a hook for other ways out (System.exit, SIGHUP)
        Runnable stopAndExit = () -> {
            platform.stop();
            System.exit(0);
        };
        Signal.handle(new Signal("TERM"), s -> new Thread(stopAndExit, "shutdown").start());
        Signal.handle(new Signal("INT"), s -> new Thread(stopAndExit, "shutdown").start());
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "shutdown-hook"));
        try {
            platform.start();
        } catch (SettingException e) {
            platform.stop();
            fail(EXIT_BAD_SETTING, e.getMessage());
        } catch (Exception | Error e) {
            log.error("the platform could not start", e);
            platform.stop();
            fail(EXIT_START_FAILED, "the platform could not start: " + e.getMessage());
        }
    }

    private static void fail(int exitCode, String line) {
        System.err.println("crm: cannot start: " + line);
        System.exit(exitCode);
    }

    /** The {@code plugins} folder beside the platform jar (or beside its classes in development). */
    private static Path defaultPluginsDir() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve("plugins");
        } catch (Exception e) {
            return Path.of("plugins").toAbsolutePath();
        }
    }
}
