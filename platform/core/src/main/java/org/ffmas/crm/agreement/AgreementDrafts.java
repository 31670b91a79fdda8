package org.ffmas.crm.agreement;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agreements written and edited: a new DRAFT, changes (the terms only while DRAFT or SENT), and
 * a renewal drafted from a signed agreement. What they name (company, signatory, owner) is checked.
 */
final class AgreementDrafts {

    private static final Logger log = LoggerFactory.getLogger(AgreementDrafts.class);

    private final Database database;
    private final AgreementRepository agreements;
    private final AgreementLookup lookup;
    private final CompanyService companies;
    private final ContactService contacts;
    private final UserDirectory users;
    private final AuditService audit;
    private final Clock clock;
    private final Map<String, Long> tiers;

    AgreementDrafts(Database database, AgreementRepository agreements, AgreementLookup lookup, CompanyService companies,
                    ContactService contacts, UserDirectory users, AuditService audit, Clock clock, Map<String, Long> tiers) {
        this.database = database;
        this.agreements = agreements;
        this.lookup = lookup;
        this.companies = companies;
        this.contacts = contacts;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.tiers = tiers;
    }

    Agreement create(Actor by, NewAgreement agreement) {
        Validation v = new Validation();
        agreement.errors().reportTo(v);
        AgreementDraft d = new AgreementDraft();
        d.apply(agreement.fields());
        if (d.companyId == null && !v.has("companyId")) {
            v.error("companyId", "is required");
        }
        d.validate(v, tiers);
        checkReferences(v, d);
        v.throwIfAny();
        Instant now = clock.instant();
        long id = database.inTransaction(() -> {
            long newId = agreements.insert(d, Status.DRAFT, null, now);
            audit.record(by, "agreement.created", "agreement", newId,
                    Map.of("companyId", d.companyId, "after", Changes.snapshot(lookup.get(newId))));
            companies.recordSystemEvent(d.companyId, "agreement.created", d.title, by.userId());
            return newId;
        });
        log.info("agreement {} created for company {} by user {}", id, d.companyId, by.userId());
        return lookup.get(id);
    }

    private void checkReferences(Validation v, AgreementDraft d) {
        if (d.companyId != null) {
            try {
                companies.get(d.companyId);
            } catch (RuntimeException e) {
                v.error("companyId", "is not a company of the file");
            }
        }
        if (d.signatoryContactId != null && d.companyId != null) {
            try {
                if (contacts.get(d.signatoryContactId).companyId() != d.companyId) {
                    v.error("signatoryContactId", "is not a contact of this company");
                }
            } catch (NotFoundException e) {
                v.error("signatoryContactId", "is not a contact of this company");
            }
        }
        if (d.ownerId != null && !users.isActiveUser(d.ownerId)) {
            v.error("ownerId", "is not an active staff user");
        }
    }

    /** Changes an agreement; its terms only while DRAFT or SENT (a signed one is amended or terminated). */
    Agreement update(Actor by, long id, AgreementChange change) {
        Agreement current = lookup.get(id);
        Validation v = new Validation();
        change.errors().reportTo(v);
        Long version = change.version();
        List<String> termsSent = change.fields().termsSent();
        if (!termsSent.isEmpty() && !Lifecycle.termsEditable(current.status())) {
            throw new ConflictException("The terms of a " + current.status() + " agreement cannot change (" + String.join(", ", termsSent)
                    + "): amend it with a new agreement, or terminate it.", null);
        }
        AgreementDraft d = AgreementDraft.of(current);
        d.apply(change.fields());
        d.validate(v, tiers);
        checkReferences(v, d);
        v.throwIfAny();
        Instant now = clock.instant();
        database.inTransaction(() -> {
            if (!agreements.update(id, version, d, Lifecycle.termsEditable(current.status()), now)) {
                throw ConflictException.staleVersion("Agreement " + id, version, lookup.get(id).version());
            }
            Map<String, ?> diff = Changes.between(current, lookup.get(id));
            if (!diff.isEmpty()) {
                audit.record(by, "agreement.updated", "agreement", id, Map.of("changes", diff));
            }
            return null;
        });
        return lookup.get(id);
    }

    /**
     * Renews an agreement: a DRAFT with the same terms, shifted by the agreement's length, linked
     * by {@code renewalOfId}. When it is signed, the original becomes RENEWED.
     */
    Agreement renew(Actor by, long id) {
        Agreement a = lookup.get(id);
        if (!Lifecycle.wasSigned(a.status()) || a.status() == Status.TERMINATED || a.status() == Status.RENEWED) {
            throw new ConflictException("Agreement " + id + " is " + a.status() + ": only a signed, active or expired agreement is renewed.", null);
        }
        agreements.renewalOf(id).ifPresent(existing -> {
            throw new DuplicateException("Agreement " + id + " already has a renewal: agreement " + existing + ".", "agreement", existing);
        });
        long days = ChronoUnit.DAYS.between(a.startDate(), a.endDate()) + 1;
        AgreementDraft d = AgreementDraft.of(a);
        d.startDate = a.startDate().plusDays(days);
        d.endDate = a.endDate().plusDays(days);
        d.counterparts = a.counterparts().stream().map(c -> new Agreement.Counterpart(0, c.label(), c.valueCents(),
                c.dueDate() == null ? null : c.dueDate().plusDays(days), null)).toList();
        d.instalments = a.instalments().stream().map(i -> new Agreement.Instalment(0, i.dueDate().plusDays(days), i.amountCents(),
                null, null)).toList();
        Instant now = clock.instant();
        long newId = database.inTransaction(() -> {
            long created = agreements.insert(d, Status.DRAFT, id, now);
            audit.record(by, "agreement.renewal_created", "agreement", created, Map.of("renewalOf", id));
            companies.recordSystemEvent(a.companyId(), "agreement.renewal_created", d.title, by.userId());
            return created;
        });
        return lookup.get(newId);
    }
}
