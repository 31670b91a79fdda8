package org.ffmas.crm.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.api.extension.SyncConnector;
import org.ffmas.crm.api.model.ContactBatch.ExternalContact;
import org.ffmas.crm.api.model.SyncBatch.ExternalCompany;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.extension.Extension;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.PluginData;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Staff's choice on a conflict: the values here pushed there, or the values there applied here; audited. */
final class ConflictResolution {

    private static final Logger log = LoggerFactory.getLogger(ConflictResolution.class);

    private final Database database;
    private final SyncRepository repository;
    private final CompanyService companies;
    private final ContactService contacts;
    private final Connectors connectors;
    private final AuditService audit;
    private final Clock clock;

    ConflictResolution(Database database, SyncRepository repository, CompanyService companies, ContactService contacts, Connectors connectors,
                       AuditService audit, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.companies = companies;
        this.contacts = contacts;
        this.connectors = connectors;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code local} is pushed there, {@code remote} applied here; returns the conflict resolved. */
    SyncConflict resolve(Actor by, long conflictId, String keep) {
        if (keep == null || !Set.of("local", "remote").contains(keep)) {
            throw new InvalidInputException("keep", "must be local (push this company's values there) or remote (take that system's values)");
        }
        SyncConflict conflict = repository.conflict(conflictId).orElseThrow(() -> new NotFoundException("There is no sync conflict " + conflictId + "."));
        if (conflict.resolvedAt() != null) {
            throw new ConflictException("This conflict was already resolved (" + conflict.resolution() + " kept, by " + conflict.resolvedBy() + ").", null);
        }
        String name = conflict.connector();
        if (conflict.contactId() != null) {
            resolveContact(by, conflict, keep);
        } else if ("remote".equals(keep)) {
            database.inTransaction(() -> {
                Company current = companies.get(conflict.companyId());
                Company updated = companies.update(by, current.id(), remoteValues(conflict, current.version()));
                repository.link(name, current.id(), conflict.externalId(), updated.version(), conflict.remoteHash(), clock.instant());
                markResolved(by, conflict, "REMOTE");
                return null;
            });
        } else {
            Extension<SyncConnector> ext = connectors.named(name);
            Company current = companies.get(conflict.companyId());
            ExternalCompany there;
            try {
                there = ext.extension().push(PluginData.of(current), conflict.externalId(), ext.context());
            } catch (Exception e) {
                throw new ConflictException(name + " refused the company's values: " + Failures.describe(e) + ". Nothing was changed; try again later.",
                        null);
            }
            database.inTransaction(() -> {
                repository.link(name, current.id(), there.externalId(), current.version(), Fingerprints.of(there), clock.instant());
                markResolved(by, conflict, "LOCAL");
                return null;
            });
        }
        log.info("sync conflict {} of {} on company {} resolved: {} kept by user {}", conflictId, name, conflict.companyId(), keep, by.userId());
        return repository.conflict(conflictId).orElseThrow();
    }

    private void resolveContact(Actor by, SyncConflict conflict, String keep) {
        String name = conflict.connector();
        if ("remote".equals(keep)) {
            database.inTransaction(() -> {
                Contact current = contacts.get(conflict.contactId());
                Contact updated = contacts.update(by, current.id(), remoteValues(conflict, current.version()));
                repository.linkContact(name, current.id(), conflict.externalId(), updated.version(), conflict.remoteHash(), clock.instant());
                markResolved(by, conflict, "REMOTE");
                return null;
            });
            return;
        }
        Extension<SyncConnector> ext = connectors.named(name);
        Contact current = contacts.get(conflict.contactId());
        String companyExternalId = repository.linkByCompany(name, current.companyId()).map(SyncRepository.Link::externalId).orElse(null);
        ExternalContact there;
        try {
            there = ext.extension().pushContact(PluginData.of(current), companyExternalId, conflict.externalId(), ext.context());
        } catch (Exception e) {
            throw new ConflictException(name + " refused the contact's values: " + Failures.describe(e) + ". Nothing was changed; try again later.", null);
        }
        if (there == null) {
            throw new ConflictException(name + " does not take contacts from here: keep its values instead.", null);
        }
        if (there.externalId() == null || !there.externalId().equals(conflict.externalId())) {
            // linking another person would leave the one in conflict unlinked, to come back as a duplicate
            log.warn("sync conflict {} of {}: keeping contact {} answered person {} instead of {}", conflict.id(), name, current.id(),
                    there.externalId(), conflict.externalId());
            throw new ConflictException(name + " answered with " + (there.externalId() == null ? "no person" : "person " + there.externalId())
                    + " instead of person " + conflict.externalId() + ": nothing was recorded here; check both there.", null);
        }
        database.inTransaction(() -> {
            repository.linkContact(name, current.id(), there.externalId(), current.version(), Fingerprints.of(there), clock.instant());
            markResolved(by, conflict, "LOCAL");
            return null;
        });
    }

    /** The values there as a change of the record here at {@code version}. */
    private static ObjectNode remoteValues(SyncConflict conflict, long version) {
        ObjectNode patch = ((ObjectNode) conflict.remote()).deepCopy();
        patch.put("version", version);
        return patch;
    }

    private void markResolved(Actor by, SyncConflict conflict, String resolution) {
        if (!repository.resolve(conflict.id(), resolution, by.name(), clock.instant())) {
            throw new ConflictException("This conflict was resolved meanwhile by someone else.", null);
        }
        audit.record(by, "sync.conflict_resolved", "company", conflict.companyId(),
                Map.of("connector", conflict.connector(), "conflict", conflict.id(), "kept", resolution));
    }
}
