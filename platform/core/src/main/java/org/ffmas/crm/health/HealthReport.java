package org.ffmas.crm.health;

import java.util.Map;

/** What {@code /health} answers: DOWN as soon as one component is DOWN. */
public record HealthReport(HealthStatus status, Map<String, ComponentHealth> components) {}
