package org.ffmas.crm.health;

import java.util.Map;

/** The health of one part of the platform, with details an operator can act on. */
public record ComponentHealth(HealthStatus status, Map<String, Object> details) {

    public static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth(HealthStatus.UP, details);
    }

    public static ComponentHealth degraded(Map<String, Object> details) {
        return new ComponentHealth(HealthStatus.DEGRADED, details);
    }

    public static ComponentHealth down(Map<String, Object> details) {
        return new ComponentHealth(HealthStatus.DOWN, details);
    }
}
