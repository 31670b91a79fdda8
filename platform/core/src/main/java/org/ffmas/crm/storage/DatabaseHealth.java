package org.ffmas.crm.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ffmas.crm.health.ComponentHealth;
import org.ffmas.crm.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** UP when a pooled connection answers within a few seconds. */
public final class DatabaseHealth implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private final Database database;

    public DatabaseHealth(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("embedded", database.embedded().isPresent());
        try (Connection c = database.dataSource().getConnection()) {
            if (!c.isValid(2)) {
                details.put("error", "connection not valid");
                return ComponentHealth.down(details);
            }
            // no version: the health answer is public, and a version tells an attacker which flaws to try
            details.put("product", c.getMetaData().getDatabaseProductName());
            return ComponentHealth.up(details);
        } catch (SQLException e) {
            // the driver's message names the server's address and version: logged, not answered
            log.warn("database health check failed: {}", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            details.put("error", "unreachable");
            return ComponentHealth.down(details);
        }
    }
}
