package org.ffmas.crm.plugin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Why plugins FAILED, by plugin id: shown by the admin API until the plugin is started, enabled, disabled or removed. */
final class PluginFailures {

    private static final Logger log = LoggerFactory.getLogger(PluginFailures.class);

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    /** Marks the plugin FAILED with the reason, and logs it (with the cause's stack when there is one). */
    void fail(PluginWrapper p, String reason, Throwable cause) {
        reasons.put(p.getPluginId(), reason);
        p.setPluginState(PluginState.FAILED);
        if (cause != null) {
            log.error("plugin {} failed: {}", p.getPluginId(), reason, cause);
        } else {
            log.error("plugin {} failed: {}", p.getPluginId(), reason);
        }
    }

    boolean failed(String id) {
        return reasons.containsKey(id);
    }

    /** Why the plugin failed; null when it did not. */
    String reason(String id) {
        return reasons.get(id);
    }

    void clear(String id) {
        reasons.remove(id);
    }

    /**
     * The root cause's message, files named without their folders (the answer shows no server path);
     * a class that cannot be found is named as missing.
     */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? withoutFolders(root.getMessage()) : root.getClass().getSimpleName();
        return root instanceof ClassNotFoundException || root instanceof NoClassDefFoundError ? "missing class " + message : message;
    }

    /** {@code /srv/crm/data/plugins/x.jar} → {@code x.jar} (also Windows paths and {@code file:} URLs); web URLs are kept. */
    static String withoutFolders(String message) {
        return WINDOWS_PATH.matcher(UNIX_PATH.matcher(message).replaceAll("$1")).replaceAll("$1");
    }

    private static final Pattern UNIX_PATH = Pattern.compile("(?<![\\w:/.-])(?:file:)?/+(?:[^\\s'\"/:\\[\\]()]+/+)*([^\\s'\"/:\\[\\]()]+)");
    private static final Pattern WINDOWS_PATH = Pattern.compile("\\b[A-Za-z]:\\\\(?:[^\\s'\"\\\\]+\\\\)*([^\\s'\"\\\\]+)");
}
