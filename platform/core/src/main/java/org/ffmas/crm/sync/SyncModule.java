package org.ffmas.crm.sync;

import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.SyncSettings;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.storage.Database;

/** Two-way sync with the plugins' connectors, on a schedule and on request; stopping ends the runs in progress. */
public final class SyncModule implements Managed {

    private final CamelContext camel;
    private final SyncSettings settings;
    private final SyncService sync;

    /** Marks failed the runs the previous stop left running; a merge of companies moves their links. */
    public SyncModule(Database database, CamelContext camel, PartnerModule partners, Extensions extensions, AuditService audit, Clock clock,
                      SyncSettings settings) {
        this.camel = camel;
        this.settings = settings;
        SyncRepository repository = new SyncRepository(database.dsl());
        CompanyService companies = partners.companies();
        ContactService contacts = partners.contacts();
        companies.onMerge(repository::moveLinks);
        Connectors connectors = new Connectors(extensions);
        Retries retries = new Retries(settings);
        SyncPass pass = new SyncPass(new CursorPages(repository, retries, clock), new CompanyPull(database, repository, companies, clock),
                new ContactPull(database, repository, contacts, clock),
                new SyncPush(repository, new PushQueue(partners.versions(), repository), companies, contacts, retries, clock));
        this.sync = new SyncService(repository, connectors, new SyncRunner(repository, connectors, pass, clock),
                new ConflictResolution(database, repository, companies, contacts, connectors, audit, clock));
    }

    @Override
    public void start() throws Exception {
        if (settings.intervalSeconds() > 0) {
            camel.addRoutes(new SyncSchedule(sync, settings.intervalSeconds()));
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
