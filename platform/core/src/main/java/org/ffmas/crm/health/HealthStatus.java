package org.ffmas.crm.health;

/** Whether a part of the platform can do its work. */
public enum HealthStatus {
    UP,
    /** Working, with a part in trouble that does not stop the platform (a failed plugin). */
    DEGRADED,
    DOWN
}
