package org.ffmas.crm.partner;

import java.time.Clock;
import java.util.List;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;

/** Companies, their contacts and timelines, and their enrichment from the plugins' registries. */
public final class PartnerModule implements Managed {

    private final CompanyService companies;
    private final ContactService contacts;
    private final RegistryEnrichment enrichment;

    public PartnerModule(Database database, UserDirectory users, AuditService audit, EventBus events, Clock clock, Extensions extensions) {
        ContactRepository contactRepository = new ContactRepository(database.dsl());
        ActivityRepository activities = new ActivityRepository(database.dsl());
        this.companies = new CompanyService(database, new CompanyRepository(database.dsl()), contactRepository, activities, users, audit,
                events, clock);
        this.contacts = new ContactService(database, contactRepository, companies, activities, audit, events, clock);
        this.enrichment = new RegistryEnrichment(companies, extensions);
    }

    public CompanyService companies() {
        return companies;
    }

    public ContactService contacts() {
        return contacts;
    }

    public RegistryEnrichment enrichment() {
        return enrichment;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new CompanyResource(companies, contacts, enrichment), new ContactResource(contacts));
    }
}
