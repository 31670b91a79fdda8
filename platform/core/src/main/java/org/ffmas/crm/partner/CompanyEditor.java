package org.ffmas.crm.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ffmas.crm.api.event.CompanyArchived;
import org.ffmas.crm.api.event.CompanyCreated;
import org.ffmas.crm.api.event.CompanyUpdated;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One company read, created, changed or archived: the fields validated, a SIREN or SIRET taken
 * by another live company refused, the version checked, the change audited and announced.
 */
final class CompanyEditor {

    private static final Logger log = LoggerFactory.getLogger(CompanyService.class);

    private final Database database;
    private final CompanyRepository companies;
    private final CompanyWrites writes;
    private final ActivityRepository activities;
    private final UserDirectory users;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;

    CompanyEditor(Database database, CompanyRepository companies, CompanyWrites writes, ActivityRepository activities,
                  UserDirectory users, AuditService audit, EventBus events, Clock clock) {
        this.database = database;
        this.companies = companies;
        this.writes = writes;
        this.activities = activities;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A live company; 404 when there is none, 404 with {@code mergedInto} when it was merged. */
    Company get(long id) {
        CompanyRepository.Stored s = companies.find(id).orElseThrow(() -> new NotFoundException("No company with id " + id + "."));
        if (s.mergedInto() != null) {
            throw new MergedException("Company " + id + " was merged into company " + s.mergedInto() + ".", s.mergedInto());
        }
        return s.company();
    }

    Company create(Actor by, NewCompany company) {
        Validation v = new Validation();
        company.errors().reportTo(v);
        CompanyDraft d = new CompanyDraft();
        d.apply(company.fields());
        d.validate(v);
        checkOwner(v, d.ownerId);
        v.throwIfAny();
        Instant now = clock.instant();
        Company created = database.inTransaction(() -> {
            refuseDuplicate(d, null);
            // a new company has no contacts yet: its search text is its own fields'
            long newId = writes.insert(d, SearchText.nameKey(d.legalName), searchTextOfNew(d, now), now);
            Company c = get(newId);
            audit.record(by, "company.created", "company", newId, Map.of("after", Changes.snapshot(c)));
            activities.insert(newId, null, ActivityKind.SYSTEM, "company.created", null, null, null, by.userId(), now);
            return c;
        });
        log.info("company {} created by user {}", created.id(), by.userId());
        events.publish(new CompanyCreated(created.id(), now, by.userId()));
        return created;
    }

    /** What {@code q} searches in a company just drafted: its own fields, as it has no contacts yet. */
    static String searchTextOfNew(CompanyDraft d, Instant now) {
        return SearchText.ofCompany(d.asStored(0, now), List.of());
    }

    Company update(Actor by, long id, CompanyChange change) {
        Validation v = new Validation();
        change.errors().reportTo(v);
        Long version = change.version();
        Company current = get(id);
        CompanyDraft d = CompanyDraft.of(current);
        d.apply(change.fields());
        d.validate(v);
        if (change.fields().ownerId().sent() && !Objects.equals(d.ownerId, current.ownerId())) {
            checkOwner(v, d.ownerId);
        }
        v.throwIfAny();
        if (d.sameAs(validated(current)) && version != null && version == current.version()) {
            // nothing to write: the version stays, no audit, no event
            return current;
        }
        Instant now = clock.instant();
        Map<String, ?> changes = database.inTransaction(() -> {
            refuseDuplicate(d, id);
            write(id, version, d, now);
            refreshSearchText(id);
            Map<String, ?> diff = Changes.between(current, get(id));
            if (!diff.isEmpty()) {
                audit.record(by, "company.updated", "company", id, Map.of("changes", diff));
            }
            return diff;
        });
        if (!changes.isEmpty()) {
            log.info("company {} updated by user {}: {}", id, by.userId(), changes.keySet());
            events.publish(new CompanyUpdated(id, Set.copyOf(changes.keySet()), now, by.userId()));
        }
        return get(id);
    }

    /** The stored company as a draft, normalised as a change of it would be (so that both compare). */
    private static CompanyDraft validated(Company current) {
        CompanyDraft unchanged = CompanyDraft.of(current);
        unchanged.validate(new Validation());
        return unchanged;
    }

    /** Writes the draft over the company if {@code version} is still current; 409 when it is stale. */
    void write(long id, long version, CompanyDraft d, Instant now) {
        if (!writes.update(id, version, d, SearchText.nameKey(d.legalName), now)) {
            throw ConflictException.staleVersion("Company " + id, version, get(id).version());
        }
    }

    /** Archives (DELETE): the company and its history stay, out of everyday lists. */
    Company archive(Actor by, long id) {
        Company current = get(id);
        if (current.status() == Status.ARCHIVED) {
            return current;
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            CompanyDraft d = CompanyDraft.of(current);
            d.status = Status.ARCHIVED;
            write(id, current.version(), d, now);
            audit.record(by, "company.archived", "company", id,
                    Map.of("changes", Changes.between(current, get(id))));
            activities.insert(id, null, ActivityKind.SYSTEM, "company.archived", null, null, null, by.userId(), now);
            return null;
        });
        log.info("company {} archived by user {}", id, by.userId());
        events.publish(new CompanyArchived(id, now, by.userId()));
        return get(id);
    }

    /** See {@link CompanyService#followAgreements}. */
    void followAgreements(Actor by, long companyId, boolean hasActiveAgreement, boolean everSigned) {
        Company current = get(companyId);
        Status wanted = hasActiveAgreement ? Status.PARTNER
                : everSigned && current.status() == Status.PARTNER ? Status.FORMER_PARTNER : current.status();
        if (wanted == current.status() || current.status() == Status.ARCHIVED && !hasActiveAgreement) {
            return;
        }
        CompanyDraft d = CompanyDraft.of(current);
        d.status = wanted;
        write(companyId, current.version(), d, clock.instant());
        audit.record(by, "company.updated", "company", companyId,
                Map.of("changes", Changes.between(current, get(companyId)), "cause", "agreements"));
        log.info("company {} is now {} (agreements)", companyId, wanted);
    }

    /** See {@link CompanyService#wouldChange(long, CompanyChange)}. */
    boolean wouldChange(long id, CompanyChange change) {
        Validation v = new Validation();
        Company current = get(id);
        change.errors().reportTo(v);
        CompanyDraft d = CompanyDraft.of(current);
        d.apply(change.fields());
        d.validate(v);
        return !v.isEmpty() || !d.sameAs(validated(current));
    }

    /** 409 when another live company (not {@code exceptId}) has the draft's SIRET, or its SIREN. */
    void refuseDuplicate(CompanyDraft d, Long exceptId) {
        companies.findByNumber(d.siren, d.siret, exceptId).ifPresent(existing -> {
            String number = d.siret != null && d.siret.equals(existing.siret()) ? "SIRET " + d.siret : "SIREN " + d.siren;
            throw new DuplicateException("A company with " + number + " already exists: #" + existing.id() + " "
                    + existing.legalName() + ".", "company", existing.id());
        });
    }

    private void checkOwner(Validation v, Long ownerId) {
        if (ownerId != null && !users.isActiveUser(ownerId)) {
            v.error("ownerId", "is not an active staff user");
        }
    }

    /** Recomputes what {@code q} searches: names, numbers, city, and the contacts' names and e-mails. */
    void refreshSearchText(long id) {
        Company c = companies.find(id).orElseThrow().company();
        writes.updateSearchText(id, SearchText.ofCompany(c, companies.contactSearchWords(id)));
    }
}
