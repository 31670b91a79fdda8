package org.ffmas.crm.audit;

import java.time.Clock;
import java.util.List;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.storage.Database;

/** The audit log every feature writes to, and its API. */
public final class AuditModule implements Managed {

    private final AuditService audit;

    public AuditModule(Database database, Clock clock) {
        this.audit = new AuditService(new AuditRepository(database.dsl()), clock);
    }

    public AuditService audit() {
        return audit;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new AuditResource(audit));
    }
}
