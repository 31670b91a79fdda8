package org.ffmas.crm.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every component's check and sums them up: DOWN if one is DOWN, else DEGRADED if one is, else UP. */
public final class HealthService {

    private final List<HealthCheck> checks;

    public HealthService(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public HealthReport check() {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.UP;
        for (HealthCheck c : checks) {
            ComponentHealth h = c.check();
            components.put(c.name(), h);
            if (h.status() == HealthStatus.DOWN) {
                overall = HealthStatus.DOWN;
            } else if (h.status() == HealthStatus.DEGRADED && overall == HealthStatus.UP) {
                overall = HealthStatus.DEGRADED;
            }
        }
        return new HealthReport(overall, components);
    }
}
