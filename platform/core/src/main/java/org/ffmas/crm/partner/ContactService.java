package org.ffmas.crm.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ffmas.crm.api.event.ContactCreated;
import org.ffmas.crm.api.event.ContactUpdated;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The people at partner companies. An e-mail address belongs to one active contact at most. */
public final class ContactService {

    private static final Logger log = LoggerFactory.getLogger(ContactService.class);

    private final Database database;
    private final ContactRepository contacts;
    private final CompanyService companies;
    private final ActivityRepository activities;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;

    public ContactService(Database database, ContactRepository contacts, CompanyService companies, ActivityRepository activities,
                          AuditService audit, EventBus events, Clock clock) {
        this.database = database;
        this.contacts = contacts;
        this.companies = companies;
        this.activities = activities;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Contact get(long id) {
        return contacts.find(id).orElseThrow(() -> new NotFoundException("No contact with id " + id + "."));
    }

    public List<Contact> ofCompany(long companyId, boolean includeArchived) {
        companies.get(companyId);
        return contacts.ofCompany(companyId, includeArchived);
    }

    public Page<Contact> search(ContactRepository.ContactQuery query, int page, int size) {
        return contacts.search(query, page, size);
    }

    /** Creates a contact of a company; 400 with every field at fault, 409 when its e-mail is another active contact's. */
    public Contact create(Actor by, long companyId, NewContact contact) {
        Company company = companies.get(companyId);
        Validation v = new Validation();
        contact.errors().reportTo(v);
        ContactDraft d = new ContactDraft();
        d.apply(contact.fields());
        Instant now = clock.instant();
        d.validate(v, company.address().country(), now);
        v.throwIfAny();
        long id = database.inTransaction(() -> {
            refuseDuplicate(d.email, null);
            long newId = contacts.insert(companyId, d, now);
            companies.refreshSearchText(companyId);
            audit.record(by, "contact.created", "contact", newId, Map.of("companyId", companyId,
                    "after", Changes.snapshot(get(newId))));
            activities.insert(companyId, newId, ActivityKind.SYSTEM, "contact.created", null, null, null, by.userId(), now);
            return newId;
        });
        log.info("contact {} created in company {} by user {}", id, companyId, by.userId());
        events.publish(new ContactCreated(id, companyId, now, by.userId()));
        return get(id);
    }

    /** The bridge for the features that build a contact's fields as JSON (the UI's forms, sync): read as {@link NewContact#from}. */
    public Contact create(Actor by, long companyId, JsonNode body) {
        return create(by, companyId, NewContact.from(body));
    }

    /** Changes a contact at the version read; 409 when it is stale. */
    public Contact update(Actor by, long id, ContactChange change) {
        Contact current = get(id);
        Validation v = new Validation();
        change.errors().reportTo(v);
        Long version = change.version();
        ContactDraft d = ContactDraft.of(current);
        d.apply(change.fields());
        Instant now = clock.instant();
        d.validate(v, companies.get(current.companyId()).address().country(), now);
        v.throwIfAny();
        Map<String, ?> changes = database.inTransaction(() -> {
            if (!current.archived()) {
                refuseDuplicate(d.email, id);
            }
            if (!contacts.update(id, version, d, current.archived(), now)) {
                throw ConflictException.staleVersion("Contact " + id, version, get(id).version());
            }
            companies.refreshSearchText(current.companyId());
            Map<String, ?> diff = Changes.between(current, get(id));
            if (!diff.isEmpty()) {
                audit.record(by, "contact.updated", "contact", id, Map.of("companyId", current.companyId(), "changes", diff));
            }
            return diff;
        });
        if (!changes.isEmpty()) {
            log.info("contact {} updated by user {}: {}", id, by.userId(), changes.keySet());
            events.publish(new ContactUpdated(id, current.companyId(), Set.copyOf(changes.keySet()), now, by.userId()));
        }
        return get(id);
    }

    /** The bridge for JSON built by other features: {@code body} read as {@link ContactChange#from}, then applied. */
    public Contact update(Actor by, long id, JsonNode body) {
        return update(by, id, ContactChange.from(body));
    }

    /**
     * Moves the contact to another company (the person changed employer), if {@code version} is
     * the one read: audited, on the timelines of both companies. Nothing happens when it is
     * already there.
     */
    public Contact move(Actor by, long id, long version, long companyId) {
        Contact current = get(id);
        if (current.companyId() == companyId) {
            return current;
        }
        Company to;
        try {
            to = companies.get(companyId);
        } catch (NotFoundException e) {
            throw new InvalidInputException("companyId", "there is no company " + companyId);
        }
        Company from = companies.get(current.companyId());
        Instant now = clock.instant();
        database.inTransaction(() -> {
            if (!contacts.move(id, version, companyId, now)) {
                throw ConflictException.staleVersion("Contact " + id, version, get(id).version());
            }
            companies.refreshSearchText(current.companyId());
            companies.refreshSearchText(companyId);
            audit.record(by, "contact.moved", "contact", id, Map.of("fromCompanyId", current.companyId(), "toCompanyId", companyId));
            activities.insert(current.companyId(), id, ActivityKind.SYSTEM, "contact.moved", "→ " + to.legalName(), null, null, by.userId(), now);
            activities.insert(companyId, id, ActivityKind.SYSTEM, "contact.moved", "← " + from.legalName(), null, null, by.userId(), now);
            return null;
        });
        log.info("contact {} moved from company {} to company {} by user {}", id, from.id(), companyId, by.userId());
        events.publish(new ContactUpdated(id, companyId, Set.of("companyId"), now, by.userId()));
        return get(id);
    }

    /**
     * Marks the contact's address UNSUBSCRIBED or BOUNCED (as a change made by {@code by}, audited);
     * a no-op when it already is. Written on its own, without the version check or the validation
     * of the other fields: an unsubscribe must never fail because someone edits the contact or
     * because its older data no longer passes today's rules.
     */
    public Contact setEmailStatus(Actor by, long id, CompanyEnums.EmailStatus status) {
        Contact current = get(id);
        if (current.emailStatus() == status) {
            return current;
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            contacts.setEmailStatus(id, status.name(), now);
            audit.record(by, "contact.updated", "contact", id, Map.of("companyId", current.companyId(),
                    "changes", Changes.between(current, get(id))));
            return null;
        });
        log.info("contact {} e-mail status set to {} by {}", id, status, by);
        events.publish(new ContactUpdated(id, current.companyId(), Set.of("emailStatus"), now, by.userId()));
        return get(id);
    }

    /** Whether this change would change the contact: false when it already says the same (its version is not looked at). */
    public boolean wouldChange(long id, ContactChange change) {
        Contact current = get(id);
        Validation v = new Validation();
        change.errors().reportTo(v);
        ContactDraft d = ContactDraft.of(current);
        d.apply(change.fields());
        String country = companies.get(current.companyId()).address().country();
        d.validate(v, country, clock.instant());
        ContactDraft unchanged = ContactDraft.of(current);
        unchanged.validate(new Validation(), country, clock.instant());
        return !v.isEmpty() || !d.sameAs(unchanged);
    }

    /** The bridge for JSON built by other features: {@code patch} read as {@link ContactChange#withoutVersion}. */
    public boolean wouldChange(long id, JsonNode patch) {
        return wouldChange(id, ContactChange.withoutVersion(patch));
    }

    /** The active contact with this e-mail address, if any. */
    public Optional<Contact> findByEmail(String email) {
        return email == null ? Optional.empty() : contacts.findByActiveEmail(email.strip().toLowerCase(Locale.ROOT), null);
    }

    /**
     * Upserts a contact of a company from an import row: by e-mail among active contacts, else by
     * first and last name within the company. A row that would change nothing changes nothing.
     * The import builds the row's fields as JSON named as in the API: read as {@link NewContact#from}.
     */
    public CompanyService.ImportResult importRow(Actor by, long companyId, ObjectNode fields) {
        Company company = companies.get(companyId);
        NewContact row = NewContact.from(fields);
        Validation v = new Validation();
        row.errors().reportTo(v);
        ContactDraft incoming = new ContactDraft();
        incoming.apply(row.fields());
        Instant now = clock.instant();
        incoming.validate(v, company.address().country(), now);
        v.throwIfAny();
        Optional<Contact> existing = incoming.email != null ? contacts.findByActiveEmail(incoming.email, null)
                : contacts.findByName(companyId, incoming.firstName, incoming.lastName);
        if (existing.isEmpty()) {
            return new CompanyService.ImportResult(CompanyService.ImportOutcome.CREATED, create(by, companyId, row).id());
        }
        Contact current = existing.get();
        if (current.companyId() != companyId) {
            throw new InvalidInputException("email", "is already the e-mail of contact #" + current.id()
                    + " of company #" + current.companyId());
        }
        ContactDraft merged = ContactDraft.of(current);
        Validation again = new Validation();
        merged.apply(row.fields());
        merged.validate(again, company.address().country(), now);
        again.throwIfAny();
        if (merged.sameAs(ContactDraft.of(current))) {
            return new CompanyService.ImportResult(CompanyService.ImportOutcome.UNCHANGED, current.id());
        }
        update(by, current.id(), row.asChange(current.version()));
        return new CompanyService.ImportResult(CompanyService.ImportOutcome.UPDATED, current.id());
    }

    /** Archives (DELETE): the contact stays in the history; its e-mail address is free again. */
    public Contact archive(Actor by, long id) {
        Contact current = get(id);
        if (current.archived()) {
            return current;
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            contacts.archive(id, now);
            companies.refreshSearchText(current.companyId());
            audit.record(by, "contact.archived", "contact", id, Map.of("companyId", current.companyId()));
            return null;
        });
        log.info("contact {} archived by user {}", id, by.userId());
        events.publish(new ContactUpdated(id, current.companyId(), Set.of("archived"), now, by.userId()));
        return get(id);
    }

    private void refuseDuplicate(String email, Long exceptId) {
        if (email == null) {
            return;
        }
        contacts.findByActiveEmail(email, exceptId).ifPresent(existing -> {
            throw new DuplicateException("The e-mail address " + email + " is already that of contact #" + existing.id()
                    + " (company #" + existing.companyId() + ").", "contact", existing.id());
        });
    }
}
