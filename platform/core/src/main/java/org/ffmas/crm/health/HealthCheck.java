package org.ffmas.crm.health;

/** One component reported by {@code /health}. A check answers quickly and never throws. */
public interface HealthCheck {

    /** Name under {@code components} in the report, e.g. {@code database}. */
    String name();

    ComponentHealth check();
}
