package org.ffmas.crm.sync;

import java.time.Clock;
import java.util.List;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.SyncSettings;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.storage.Database;

/** Two-way sync with the plugins' connectors, on a schedule and on request; stopping ends the runs in progress. */
public final class SyncModule implements Managed {

    private final CamelRuntime camel;
    private final SyncSettings settings;
    private final SyncService sync;

    public SyncModule(Database database, CamelRuntime camel, PartnerModule partners, Extensions extensions, AuditService audit, Clock clock,
                      SyncSettings settings) {
        this.camel = camel;
        this.settings = settings;
        this.sync = new SyncService(database, new SyncRepository(database.dsl()), partners.companies(), partners.contacts(), extensions,
                audit, clock, settings);
    }

    @Override
    public void start() throws Exception {
        if (settings.intervalSeconds() > 0) {
            camel.context().addRoutes(new SyncSchedule(sync, settings.intervalSeconds()));
        }
    }

    @Override
    public void stop() {
        sync.stop();
    }

    public SyncService sync() {
        return sync;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new SyncResource(sync));
    }
}
