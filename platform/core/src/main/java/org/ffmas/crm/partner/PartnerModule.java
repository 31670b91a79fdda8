package org.ffmas.crm.partner;

import java.time.Clock;
import java.util.List;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;
import org.jooq.DSLContext;

/** Companies, their contacts and timelines, and their enrichment from the plugins' registries. */
public final class PartnerModule implements Managed {

    private final CompanyService companies;
    private final ContactService contacts;
    private final RegistryEnrichment enrichment;
    private final PartnerVersions versions;
    private final Audience audience;

    public PartnerModule(Database database, UserDirectory users, AuditService audit, EventBus events, Clock clock, Extensions extensions) {
        DSLContext db = database.dsl();
        CompanyRepository companyRepository = new CompanyRepository(db);
        CompanyWrites writes = new CompanyWrites(db);
        ContactRepository contactRepository = new ContactRepository(db);
        ActivityRepository activities = new ActivityRepository(db);
        CompanyEditor editor = new CompanyEditor(database, companyRepository, writes, activities, users, audit, events, clock);
        this.companies = new CompanyService(companyRepository, editor, new CompanyDuplicates(companyRepository, editor),
                new CompanyMerge(database, editor, writes, contactRepository, activities, audit, events, clock),
                new CompanyImports(database, editor, companyRepository, new CompanyBulkInserts(db), activities, audit, events, clock),
                new CompanyTimeline(database, editor, contactRepository, activities, audit, clock));
        this.contacts = new ContactService(database, contactRepository, companies, activities, audit, events, clock);
        this.enrichment = new RegistryEnrichment(companies, extensions);
        this.versions = new PartnerVersions(database.dsl());
        this.audience = new Audience(database.dsl());
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

    /** Whom mail to a set of criteria reaches (the contacts and companies a campaign's segment selects). */
    public Audience audience() {
        return audience;
    }

    /** The companies' and contacts' versions, for a feature comparing them with the ones it last saw. */
    public PartnerVersions versions() {
        return versions;
    }
}
