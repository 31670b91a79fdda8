package org.ffmas.crm.sync;

import java.time.Clock;
import java.util.List;
import org.ffmas.crm.api.model.ContactBatch.ExternalContact;
import org.ffmas.crm.api.model.SyncBatch.ExternalCompany;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.PluginData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pushes to a connector the companies, then the contacts, changed here since their last sync (or never synced). */
final class SyncPush {

    private static final Logger log = LoggerFactory.getLogger(SyncPush.class);
    private static final int PAGE = 200;

    private final SyncRepository repository;
    private final PushQueue queue;
    private final CompanyService companies;
    private final ContactService contacts;
    private final Retries retries;
    private final Clock clock;

    SyncPush(SyncRepository repository, PushQueue queue, CompanyService companies, ContactService contacts, Retries retries, Clock clock) {
        this.repository = repository;
        this.queue = queue;
        this.companies = companies;
        this.contacts = contacts;
        this.retries = retries;
        this.clock = clock;
    }

    /** The run shows {@code cursor} as where it is after each page. */
    void companies(ActiveRun run, String cursor) throws Exception {
        String name = run.name();
        long after = 0;
        while (true) {
            List<PushQueue.Pending> page = queue.companies(name, after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (PushQueue.Pending p : page) {
                after = p.companyId();
                Company here = companies.get(p.companyId());
                ExternalCompany there;
                try {
                    there = retries.call(run, () -> run.remote().push(PluginData.of(here), p.externalId(), run.context()));
                } catch (IllegalArgumentException refused) {
                    run.counts().addError("company " + here.id() + ": " + Failures.describe(refused));
                    log.warn("sync of {}: company {} refused there: {}", name, here.id(), Failures.describe(refused));
                    continue;
                }
                if (there == null || there.externalId() == null) {
                    throw new IllegalStateException("the connector's push of company " + here.id() + " gave no record back");
                }
                repository.link(name, here.id(), there.externalId(), here.version(), Fingerprints.of(there), clock.instant());
                run.counts().addPushed();
            }
            repository.progress(run.id(), run.counts(), cursor);
        }
    }

    /** Stops at the first contact the connector does not take: it does not push contacts. */
    void contacts(ActiveRun run, String cursor) throws Exception {
        String name = run.name();
        long after = 0;
        while (true) {
            List<PushQueue.PendingContact> page = queue.contacts(name, after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (PushQueue.PendingContact p : page) {
                after = p.contactId();
                Contact here = contacts.get(p.contactId());
                ExternalContact there;
                try {
                    there = retries.call(run, () -> run.remote().pushContact(PluginData.of(here), p.companyExternalId(), p.externalId(),
                            run.context()));
                } catch (IllegalArgumentException refused) {
                    run.counts().addError("contact " + here.id() + ": " + Failures.describe(refused));
                    continue;
                }
                if (there == null) {
                    return; // the connector does not push contacts
                }
                if (there.externalId() == null || there.externalId().isBlank()) {
                    throw new IllegalStateException("the connector's push of contact " + here.id() + " gave no id back");
                }
                repository.linkContact(name, here.id(), there.externalId(), here.version(), Fingerprints.of(there), clock.instant());
                run.counts().addPushed();
            }
            repository.progress(run.id(), run.counts(), cursor);
        }
    }
}
