package org.ffmas.crm.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.health.ComponentHealth;
import org.ffmas.crm.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's single CamelContext: started after storage, stopped before it, so that no
 * route ever runs without its database.
 */
public final class CamelRuntime implements HealthCheck, Managed {

    private static final Logger log = LoggerFactory.getLogger(CamelRuntime.class);

    /** Seconds in-flight exchanges get to finish when the platform stops. */
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 3;

    private final DefaultCamelContext context;
    private final RouteCounters counters = new RouteCounters();
    /** Route id → the plugin that added it; routes not in here are the platform's. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /** A running route as listed by the integration API. */
    public record RouteInfo(String id, String owner, String from, String state, long completed, long failed) {}

    public CamelRuntime() {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("crm");
        context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        context.getShutdownStrategy().setLogInflightExchangesOnTimeout(true);
        context.getManagementStrategy().addEventNotifier(counters);
    }

    /** Something that adds routes to the context. */
    @FunctionalInterface
    public interface RouteAdder {
        void add() throws Exception;
    }

    /** Adds routes on behalf of a plugin; returns the ids of the routes added. */
    public synchronized List<String> addRoutes(String owner, List<RoutesBuilder> builders) throws Exception {
        return track(owner, () -> {
            for (RoutesBuilder b : builders) {
                context.addRoutes(b);
            }
        });
    }

    /** Runs {@code adder} and records {@code owner} as the owner of the routes it added; returns their ids. */
    public synchronized List<String> track(String owner, RouteAdder adder) throws Exception {
        Set<String> before = routeIds();
        try {
            adder.add();
        } finally {
            for (String id : routeIds()) {
                if (!before.contains(id)) {
                    owners.put(id, owner);
                }
            }
        }
        List<String> added = routeIds().stream().filter(id -> !before.contains(id)).toList();
        log.info("{} route(s) of {} added: {}", added.size(), owner, added);
        return added;
    }

    /** Stops and removes routes (a plugin's, when it stops). */
    public synchronized void removeRoutes(Collection<String> routeIds) {
        for (String id : routeIds) {
            try {
                context.getRouteController().stopRoute(id, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                context.removeRoute(id);
            } catch (Exception e) {
                log.warn("route {} could not be removed: {}", id, e.getMessage());
            }
            owners.remove(id);
            counters.forget(id);
        }
    }

    private Set<String> routeIds() {
        return context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
    }

    /** Route files that could not be loaded, by name, with the reason. */
    private final Map<String, String> failedRouteFiles = new ConcurrentHashMap<>();

    /**
     * Loads the Camel YAML DSL routes of a folder ({@code config/routes/*.yaml}), each file on its
     * own: a malformed one is reported by name and the others load.
     */
    public void loadRouteFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
                String name = file.getFileName().toString();
                try {
                    var loader = PluginHelper.getRoutesLoader(context);
                    var resource = ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath());
                    List<String> ids = track("routes:" + name, () -> loader.loadRoutes(resource));
                    failedRouteFiles.remove(name);
                    log.info("route file {} loaded: {}", name, ids);
                } catch (Exception e) {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
                    failedRouteFiles.put(name, reason);
                    log.error("route file {} is not valid and was not loaded: {}", name, reason);
                }
            }
        } catch (IOException e) {
            log.error("cannot read the routes folder {}: {}", dir, e.getMessage());
        }
    }

    public Map<String, String> failedRouteFiles() {
        return Map.copyOf(failedRouteFiles);
    }

    /** Every route with its owner, state and counters. */
    public List<RouteInfo> routes() {
        return context.getRoutes().stream()
                .map(r -> {
                    RouteCounters.Counts c = counters.of(r.getRouteId());
                    return new RouteInfo(r.getRouteId(), owners.getOrDefault(r.getRouteId(), "platform"), r.getEndpoint().getEndpointUri(),
                            String.valueOf(context.getRouteController().getRouteStatus(r.getRouteId())), c.completed(), c.failed());
                })
                .sorted(Comparator.comparing(RouteInfo::owner).thenComparing(RouteInfo::id))
                .toList();
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void start() {
        context.start();
        log.info("Camel context '{}' started with {} route(s)", context.getName(), context.getRoutesSize());
    }

    @Override
    public void stop() {
        if (!context.isStopped()) {
            context.stop();
            log.info("Camel context '{}' stopped", context.getName());
        }
    }

    /** The routes' API. */
    @Override
    public List<Object> webResources() {
        return List.of(new IntegrationResource(this));
    }

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public ComponentHealth check() {
        ServiceStatus status = context.getStatus();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.name());
        details.put("routes", context.getRoutesSize());
        return status.isStarted() ? ComponentHealth.up(details) : ComponentHealth.down(details);
    }
}
