package org.ffmas.crm.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.api.extension.ApiContributor;
import org.ffmas.crm.api.extension.DomainEventListener;
import org.ffmas.crm.api.extension.RouteContributor;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.ContributedExtensions;
import org.ffmas.crm.integration.CamelRuntime;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started plugin adds to the platform: its Camel routes, its event listeners (each on the
 * plugin's own thread, under a watchdog), its extensions published to the features, and its API
 * resources; all taken back when it stops. Called under {@link PluginHost}'s lock.
 */
final class PluginWiring {

    private static final Logger log = LoggerFactory.getLogger(PluginWiring.class);

    /** How long a plugin's event listener may take with one event before it is interrupted. */
    static final long LISTENER_TIMEOUT_MS = 5_000;

    /** What a started plugin added to the platform, to take back when it stops. */
    private record Wiring(List<String> routeIds, Consumer<DomainEvent> listener, ExecutorService worker) {}

    private final CrmPluginManager manager;
    private final CamelRuntime camel;
    private final EventBus events;
    private final PluginApi api;
    private final ContributedExtensions published;
    private final Map<String, Wiring> wired = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugin-listener-watchdog");
        t.setDaemon(true);
        return t;
    });

    PluginWiring(CrmPluginManager manager, CamelRuntime camel, EventBus events, PluginApi api, ContributedExtensions published) {
        this.manager = manager;
        this.camel = camel;
        this.events = events;
        this.api = api;
        this.published = published;
    }

    boolean isWired(String id) {
        return wired.containsKey(id);
    }

    /** The plugins wired now. */
    List<String> wiredIds() {
        return new ArrayList<>(wired.keySet());
    }

    /** Adds a started plugin's routes, listeners, extensions and API; what was added before a failure stays to {@link #unwire}. */
    void wire(PluginWrapper p, PluginContext context) throws Exception {
        String id = p.getPluginId();
        List<String> routeIds = new ArrayList<>();
        for (RouteContributor c : manager.getExtensions(RouteContributor.class, id)) {
            routeIds.addAll(camel.addRoutes(id, c.routes(context)));
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugin-" + id + "-events");
            t.setDaemon(true);
            t.setContextClassLoader(p.getPluginClassLoader());
            return t;
        });
        List<DomainEventListener> listeners = manager.getExtensions(DomainEventListener.class, id);
        Consumer<DomainEvent> listener = listeners.isEmpty() ? null : event -> deliver(id, listeners, event, context, worker);
        wired.put(id, new Wiring(routeIds, listener, worker));
        published.add(id, context, type -> manager.getExtensions(type, id));
        if (listener != null) {
            events.subscribe(listener);
        }
        List<Object> resources = new ArrayList<>();
        for (ApiContributor c : manager.getExtensions(ApiContributor.class, id)) {
            resources.addAll(c.resources(context));
        }
        api.mount(id, resources);
    }

    /** Runs the plugin's listeners on its own thread; one that takes too long is interrupted and logged. */
    private void deliver(String id, List<DomainEventListener> listeners, DomainEvent event, PluginContext context, ExecutorService worker) {
        for (DomainEventListener l : listeners) {
            Future<?> f;
            try {
                f = worker.submit(() -> {
                    try {
                        l.onEvent(event, context);
                    } catch (RuntimeException | LinkageError e) {
                        log.error("event listener {} of plugin {} failed on {}", l.getClass().getSimpleName(), id,
                                event.getClass().getSimpleName(), e);
                    }
                });
            } catch (RejectedExecutionException stopped) {
                return;
            }
            watchdog.schedule(() -> {
                if (!f.isDone()) {
                    log.error("event listener {} of plugin {} took more than {} ms on {}; interrupted", l.getClass().getSimpleName(), id,
                            LISTENER_TIMEOUT_MS, event.getClass().getSimpleName());
                    f.cancel(true);
                }
            }, LISTENER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Takes back the plugin's API, extensions, listeners and routes; nothing for a plugin not wired. */
    void unwire(String id) {
        published.remove(id);
        api.unmount(id);
        Wiring w = wired.remove(id);
        if (w != null) {
            if (w.listener() != null) {
                events.unsubscribe(w.listener());
            }
            w.worker().shutdownNow();
            camel.removeRoutes(w.routeIds());
        }
    }

    /** Stops the watchdog, for the platform's shutdown. */
    void close() {
        watchdog.shutdownNow();
    }
}
