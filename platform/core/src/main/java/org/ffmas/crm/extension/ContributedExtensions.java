package org.ffmas.crm.extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ffmas.crm.api.PluginContext;

/**
 * The extensions of the plugins started now: the plugin host adds a plugin when it has started
 * and removes it as it stops; features read them through {@link Extensions}.
 */
public final class ContributedExtensions implements Extensions {

    /** How one started plugin answers "your extensions of this type". */
    private record Contributor(PluginContext context, Function<Class<?>, List<?>> byType) {}

    private final Map<String, Contributor> started = new LinkedHashMap<>();

    /** Makes a started plugin's extensions visible; {@code byType} lists those of a type. */
    public synchronized void add(String pluginId, PluginContext context, Function<Class<?>, List<?>> byType) {
        started.put(pluginId, new Contributor(context, byType));
    }

    /** Hides a plugin's extensions (it is stopping). */
    public synchronized void remove(String pluginId) {
        started.remove(pluginId);
    }

    @Override
    public synchronized <T> List<Extension<T>> of(Class<T> type) {
        List<Extension<T>> out = new ArrayList<>();
        started.forEach((id, contributor) -> {
            for (Object e : contributor.byType().apply(type)) {
                out.add(new Extension<>(id, type.cast(e), contributor.context()));
            }
        });
        return out;
    }
}
