package org.ffmas.crm.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ffmas.crm.health.ComponentHealth;
import org.ffmas.crm.health.HealthCheck;

/** UP when a pooled connection answers within a few seconds. */
public final class DatabaseHealth implements HealthCheck {

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
            details.put("product", c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
            return ComponentHealth.up(details);
        } catch (SQLException e) {
            details.put("error", e.getMessage() == null ? "unreachable" : e.getMessage().lines().findFirst().orElse(""));
            return ComponentHealth.down(details);
        }
    }
}
