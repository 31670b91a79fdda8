package org.ffmas.crm.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.model.ContactBatch.ExternalContact;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Json;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a person pulled from a connector to the contacts of the company it works for there; a
 * person whose company is not synced yet is parked until it is.
 */
final class ContactPull {

    private static final Logger log = LoggerFactory.getLogger(ContactPull.class);
    private static final ObjectMapper JSON = Json.newMapper();

    private final Database database;
    private final SyncRepository repository;
    private final ContactService contacts;
    private final Clock clock;

    ContactPull(Database database, SyncRepository repository, ContactService contacts, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** A pulled person whose company is not linked (yet): it waits for it, see {@link #applyParked}. */
    private static final class WaitsForCompany extends NotFoundException {
        private static final long serialVersionUID = 1L;

        WaitsForCompany(String companyExternalId) {
            super("its company (" + companyExternalId + " there) is not synced yet; the person is brought in once it is");
        }
    }

    /**
     * Applies a pulled person in its own transaction; one waiting for its company is parked.
     * {@code parked} holds the ids there of the persons parked (read at the start of the run, kept
     * up to date), so that only those are taken off the list.
     */
    void apply(ActiveRun run, ExternalContact e, Set<String> parked) {
        String name = run.name();
        SyncCounts counts = run.counts();
        try {
            database.inTransaction(() -> {
                applyRecord(name, e, counts);
                if (parked.contains(e.externalId())) {
                    repository.unparkContact(name, e.externalId());
                }
                return null;
            });
            parked.remove(e.externalId());
        } catch (WaitsForCompany waiting) {
            String record;
            try {
                record = JSON.writeValueAsString(e);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
            database.inTransaction(() -> {
                repository.parkContact(name, e.externalId(), e.companyExternalId(), record, clock.instant());
                return null;
            });
            parked.add(e.externalId());
            counts.addError(name + " contact " + e.externalId() + ": " + Failures.describe(waiting));
            log.info("sync of {}: contact {} waits for its company {} there", name, e.externalId(), e.companyExternalId());
        } catch (InvalidInputException | ConflictException | DuplicateException | MergedException | NotFoundException refused) {
            // refused for what it is, not for want of its company: it comes again when it changes there
            if (e.externalId() != null && parked.remove(e.externalId())) {
                unpark(name, e.externalId());
            }
            counts.addError(name + " contact " + e.externalId() + ": " + Failures.describe(refused));
            log.warn("sync of {} contact {} refused: {}", name, e.externalId(), Failures.describe(refused));
        }
    }

    /** Persons pulled before their company was synced, now that it is: brought in as they were pulled. */
    void applyParked(ActiveRun run, Set<String> parked) {
        for (SyncRepository.ParkedContact waiting : repository.parkedContactsOfLinkedCompanies(run.name())) {
            ExternalContact e;
            try {
                e = JSON.readValue(waiting.record(), ExternalContact.class);
            } catch (JsonProcessingException unreadable) {
                log.warn("sync of {}: parked contact {} cannot be read back ({}); it comes again when it changes there", run.name(),
                        waiting.externalId(), unreadable.getMessage());
                unpark(run.name(), waiting.externalId());
                parked.remove(waiting.externalId());
                continue;
            }
            apply(run, e, parked);
        }
    }

    /** Takes a person off the waiting list, in a transaction of its own. */
    private void unpark(String name, String externalId) {
        database.inTransaction(() -> {
            repository.unparkContact(name, externalId);
            return null;
        });
    }

    private void applyRecord(String name, ExternalContact e, SyncCounts counts) {
        if (e.externalId() == null || e.externalId().isBlank()) {
            throw new InvalidInputException("externalId", "the connector gave a contact without an id");
        }
        if (e.companyExternalId() == null || e.companyExternalId().isBlank()) {
            return; // a person at no company there: not a partner's contact
        }
        String hash = Fingerprints.of(e);
        ObjectNode patch = JSON.createObjectNode();
        putIfPresent(patch, "firstName", e.firstName());
        putIfPresent(patch, "lastName", e.lastName());
        putIfPresent(patch, "email", e.email());
        putIfPresent(patch, "phone", e.phone());
        Actor caller = Actor.system("sync:" + name, Role.STAFF);
        Optional<SyncRepository.ContactLink> link = repository.contactLinkByExternal(name, e.externalId());
        if (!e.active()) {
            // no longer in use there: not brought in, and archived here once if it was synced
            link.filter(l -> !l.remoteHash().equals(hash)).ifPresent(l -> {
                Contact here = contacts.get(l.contactId());
                Contact archived = here.archived() ? here : contacts.archive(caller, here.id());
                repository.linkContact(name, here.id(), e.externalId(), archived.version(), hash, clock.instant());
                if (!here.archived()) {
                    counts.addPulled();
                }
            });
            return;
        }
        if (link.isEmpty()) {
            long companyId = companyHere(name, e);
            Optional<Contact> match = contacts.findByEmail(e.email()).filter(c -> c.companyId() == companyId);
            if (match.isPresent()) {
                Contact here = match.get();
                if (repository.contactLinked(name, here.id())) {
                    throw new ConflictException("it has the e-mail of contact " + here.id() + ", already linked to another " + name + " person", null);
                }
                if (contacts.wouldChange(here.id(), patch)) {
                    repository.addConflict(name, companyId, here.id(), e.externalId(), ConflictViews.local(here, here.version(), patch), patch, hash,
                            clock.instant());
                    counts.addConflict();
                }
                repository.linkContact(name, here.id(), e.externalId(), here.version(), hash, clock.instant());
                return;
            }
            Contact created = contacts.create(caller, companyId, patch);
            repository.linkContact(name, created.id(), e.externalId(), created.version(), hash, clock.instant());
            counts.addPulled();
            return;
        }
        SyncRepository.ContactLink l = link.get();
        if (l.remoteHash().equals(hash)) {
            return; // unchanged there since the last sync (or our own push coming back)
        }
        Contact here = contacts.get(l.contactId());
        boolean changedHere = here.version() != l.localVersion();
        long companyThere = companyHere(name, e);
        boolean moved = here.companyId() != companyThere;
        if (moved) {
            // the person works for another company there: who employs them is the remote side's to say
            here = contacts.move(caller, here.id(), here.version(), companyThere);
        }
        if (!contacts.wouldChange(here.id(), patch)) {
            repository.linkContact(name, here.id(), e.externalId(), changedHere ? l.localVersion() : here.version(), hash, clock.instant());
            if (moved) {
                counts.addPulled();
            }
            return;
        }
        if (!changedHere) {
            ObjectNode change = patch.deepCopy();
            change.put("version", here.version());
            Contact updated = contacts.update(caller, here.id(), change);
            repository.linkContact(name, here.id(), e.externalId(), updated.version(), hash, clock.instant());
            counts.addPulled();
            return;
        }
        ObjectNode local = ConflictViews.local(here, here.version(), patch);
        Optional<SyncConflict> open = repository.openContactConflict(name, here.id());
        if (open.isPresent()) {
            repository.refreshConflict(open.get().id(), local, patch, hash);
        } else {
            repository.addConflict(name, here.companyId(), here.id(), e.externalId(), local, patch, hash, clock.instant());
            counts.addConflict();
            log.info("sync of {}: contact {} changed on both sides since the last sync; conflict recorded", name, here.id());
        }
    }

    /** The company here of the person's company there; the person waits when that one is not synced yet. */
    private long companyHere(String name, ExternalContact e) {
        return repository.linkByExternal(name, e.companyExternalId()).orElseThrow(() -> new WaitsForCompany(e.companyExternalId())).companyId();
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value.strip());
        }
    }
}
