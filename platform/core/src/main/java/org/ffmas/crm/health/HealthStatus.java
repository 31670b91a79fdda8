package org.ffmas.crm.health;

/** Whether a part of the platform can do its work. */
public enum HealthStatus {
    UP,
    DOWN
}
