package org.ffmas.crm.plugin;

import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JAX-RS resources of started plugins, by plugin id and by the first segment of their
 * {@code @Path}: {@code /api/plugins/webhooks/deliveries/...} is served by the webhooks plugin's
 * resource whose class carries {@code @Path("/deliveries")}.
 */
public final class PluginApi {

    private final Map<String, Map<String, Object>> mounted = new ConcurrentHashMap<>();

    void mount(String pluginId, List<Object> resources) {
        if (resources.isEmpty()) {
            return;
        }
        Map<String, Object> bySegment = new ConcurrentHashMap<>();
        for (Object r : resources) {
            Path path = r.getClass().getAnnotation(Path.class);
            if (path == null) {
                throw new IllegalArgumentException("resource " + r.getClass().getName() + " of plugin " + pluginId + " has no @Path");
            }
            String segment = path.value().replaceAll("^/+|/+$", "");
            if (segment.isEmpty() || segment.contains("/") || segment.contains("{")) {
                throw new IllegalArgumentException("resource " + r.getClass().getName() + " of plugin " + pluginId
                        + " must have a @Path of one plain segment, such as \"/deliveries\"");
            }
            bySegment.put(segment, r);
        }
        mounted.put(pluginId, bySegment);
    }

    void unmount(String pluginId) {
        mounted.remove(pluginId);
    }

    /** The started plugin's resource for this segment. */
    public Optional<Object> find(String pluginId, String segment) {
        return Optional.ofNullable(mounted.getOrDefault(pluginId, Map.of()).get(segment));
    }
}
