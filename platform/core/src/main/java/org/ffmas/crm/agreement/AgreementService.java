package org.ffmas.crm.agreement;

import org.ffmas.crm.common.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.event.AgreementStatusChanged;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.Caller;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Agreements: terms, the lifecycle, the company's partner status that follows, payments. */
public final class AgreementService {

    private static final Logger log = LoggerFactory.getLogger(AgreementService.class);

    /** Dates are the federation's: a day starts at midnight in Paris. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final Actor CALENDAR = Actor.system("calendar", Role.STAFF);
    private static final Actor MERGE = Actor.system("merge", Role.STAFF);

    private final Database database;
    private final AgreementRepository agreements;
    private final CompanyService companies;
    private final ContactService contacts;
    private final UserDirectory users;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;
    private final Map<String, Long> tiers;
    private final List<Integer> reminderDays;

    public AgreementService(Database database, AgreementRepository agreements, CompanyService companies, ContactService contacts,
                            UserDirectory users, AuditService audit, EventBus events, Clock clock, Map<String, Long> tiers,
                            List<Integer> reminderDays) {
        this.database = database;
        this.agreements = agreements;
        this.companies = companies;
        this.contacts = contacts;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.tiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tiers));
        this.reminderDays = List.copyOf(reminderDays);
        companies.onMerge((source, target) -> {
            agreements.moveAll(source, target);
            AgreementRepository.CompanyAgreements state = agreements.ofCompany(target, today());
            companies.followAgreements(MERGE, target, state.active() > 0, state.everSigned() > 0);
        });
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public Map<String, Long> tiers() {
        return tiers;
    }

    public Agreement get(long id) {
        return agreements.find(id).orElseThrow(() -> new NotFoundException("No agreement with id " + id + "."));
    }

    /** The agreements service as plugins read it. */
    public org.ffmas.crm.api.Agreements forPlugins() {
        return new org.ffmas.crm.api.Agreements() {
            @Override
            public java.util.Optional<org.ffmas.crm.api.model.AgreementData> find(long id) {
                return agreements.find(id).map(AgreementService::data);
            }

            @Override
            public List<org.ffmas.crm.api.model.AgreementData> ofCompany(long companyId) {
                return agreements.search(new AgreementRepository.AgreementQuery(List.of(), List.of(), List.of(), companyId, null, null), 1, 500)
                        .items().stream().map(AgreementService::data).toList();
            }
        };
    }

    private static org.ffmas.crm.api.model.AgreementData data(Agreement a) {
        return new org.ffmas.crm.api.model.AgreementData(a.id(), a.companyId(), a.kind().name(), a.tier(), a.title(), a.amountCents(),
                a.currency(), a.startDate(), a.endDate(), a.status().name(), a.signedOn(), a.version());
    }

    public Page<Agreement> list(AgreementRepository.AgreementQuery q, int page, int size) {
        return agreements.search(q, page, size);
    }

    public Agreement create(Actor by, JsonNode body) {
        Validation v = new Validation();
        Set<String> fields = new HashSet<>(AgreementDraft.TERMS);
        fields.addAll(AgreementDraft.ALWAYS_EDITABLE);
        fields.add("companyId");
        AgreementDraft d = new AgreementDraft();
        d.apply(JsonFields.of(body, v, fields, AgreementDraft.READ_ONLY), body, v);
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
                    Map.of("companyId", d.companyId, "after", Changes.snapshot(get(newId))));
            companies.recordSystemEvent(d.companyId, "agreement.created", d.title, by.userId());
            return newId;
        });
        log.info("agreement {} created for company {} by user {}", id, d.companyId, by.userId());
        return get(id);
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
    public Agreement update(Actor by, long id, JsonNode body) {
        Agreement current = get(id);
        Validation v = new Validation();
        Set<String> fields = new HashSet<>(AgreementDraft.TERMS);
        fields.addAll(AgreementDraft.ALWAYS_EDITABLE);
        fields.add("version");
        JsonFields f = JsonFields.of(body, v, fields, union(AgreementDraft.READ_ONLY, Set.of("companyId")));
        Long version = f.number("version");
        if (version == null && !v.has("version")) {
            v.error("version", "is required: send the version you read");
        }
        List<String> termsSent = new ArrayList<>();
        AgreementDraft.TERMS.forEach(t -> {
            if (f.has(t)) {
                termsSent.add(t);
            }
        });
        if (!termsSent.isEmpty() && !Lifecycle.termsEditable(current.status())) {
            throw new ConflictException("The terms of a " + current.status() + " agreement cannot change (" + String.join(", ", termsSent)
                    + "): amend it with a new agreement, or terminate it.", null);
        }
        AgreementDraft d = AgreementDraft.of(current);
        d.apply(f, body, v);
        d.validate(v, tiers);
        checkReferences(v, d);
        v.throwIfAny();
        Instant now = clock.instant();
        database.inTransaction(() -> {
            if (!agreements.update(id, version, d, Lifecycle.termsEditable(current.status()), now)) {
                throw ConflictException.staleVersion("Agreement " + id, version, get(id).version());
            }
            Map<String, ?> diff = Changes.between(current, get(id));
            if (!diff.isEmpty()) {
                audit.record(by, "agreement.updated", "agreement", id, Map.of("changes", diff));
            }
            return null;
        });
        return get(id);
    }

    /**
     * Moves an agreement in its lifecycle. An illegal move is a 409 listing the allowed ones;
     * TERMINATED needs a reason. Signing an agreement whose start date has come activates it.
     */
    public Agreement transition(Actor by, long id, String toText, String dateText, String reason) {
        Validation v = new Validation();
        Status to = org.ffmas.crm.common.Enums.parse(v, "to", toText, Status.class);
        if (toText == null) {
            v.error("to", "is required");
        }
        LocalDate on = dateText == null ? today() : v.date("date", dateText);
        String why = v.optionalText("reason", reason, 500);
        if (to == Status.TERMINATED && why == null && !v.has("reason")) {
            v.error("reason", "is required to terminate an agreement");
        }
        if (on != null && on.isAfter(today())) {
            v.error("date", "must not be in the future");
        }
        v.throwIfAny();
        List<DomainEvent> published = new ArrayList<>();
        database.inTransaction(() -> {
            move(by, get(id), to, on, why, published);
            if (to == Status.SIGNED && !get(id).startDate().isAfter(today())) {
                move(CALENDAR, get(id), Status.ACTIVE, today(), null, published);
            }
            return null;
        });
        published.forEach(events::publish);
        return get(id);
    }


    /** One move, in the caller's transaction: status, history, audit, timeline, company status, renewal. */
    private void move(Actor by, Agreement a, Status to, LocalDate on, String reason, List<DomainEvent> published) {
        if (!Lifecycle.canMove(a.status(), to)) {
            throw new ConflictException("Agreement " + a.id() + " is " + a.status() + " and cannot become " + to + "; allowed: "
                    + (Lifecycle.allowed(a.status()).isEmpty() ? "none" : Lifecycle.allowed(a.status()).toString()) + ".", null);
        }
        Instant now = clock.instant();
        if (!agreements.move(a.id(), a.status(), to, to == Status.SIGNED ? on : null, reason, now)) {
            throw new ConflictException("Agreement " + a.id() + " was moved by someone else meanwhile; reload it.", null);
        }
        agreements.recordTransition(a.id(), a.status(), to, on, reason, by.userId() == 0 ? null : by.userId(), by.name(), now);
        audit.record(by, "agreement." + to.name().toLowerCase(java.util.Locale.ROOT), "agreement", a.id(),
                reason == null ? Map.of("from", a.status().name(), "on", on.toString())
                        : Map.of("from", a.status().name(), "on", on.toString(), "reason", reason));
        companies.recordSystemEvent(a.companyId(), "agreement." + to.name().toLowerCase(java.util.Locale.ROOT), a.title(),
                by.userId() == 0 ? null : by.userId());
        AgreementRepository.CompanyAgreements state = agreements.ofCompany(a.companyId(), today());
        companies.followAgreements(by, a.companyId(), state.active() > 0, state.everSigned() > 0);
        published.add(new AgreementStatusChanged(a.id(), a.companyId(), a.status().name(), to.name(), now,
                by.userId() == 0 ? null : by.userId()));
        log.info("agreement {} {} -> {} by {}", a.id(), a.status(), to, by.name());
        if (to == Status.SIGNED && a.renewalOfId() != null) {
            Agreement renewed = get(a.renewalOfId());
            if (Lifecycle.canMove(renewed.status(), Status.RENEWED)) {
                move(by, renewed, Status.RENEWED, on, "renewed by agreement " + a.id(), published);
            }
        }
    }

    /**
     * The calendar, run by a scheduled route: SIGNED agreements whose start date has come become
     * ACTIVE, ACTIVE ones past their end date become EXPIRED. Each move in its own transaction.
     */
    public int applyCalendar() {
        LocalDate today = today();
        int moved = 0;
        for (long id : agreements.signedToActivate(today)) {
            moved += calendarMove(id, Status.SIGNED, Status.ACTIVE, today);
        }
        for (long id : agreements.activeToExpire(today)) {
            moved += calendarMove(id, Status.ACTIVE, Status.EXPIRED, today);
        }
        remindRenewals(today);
        return moved;
    }

    /** A renewal TASK on the company's timeline N days before an end date, once for each N. */
    private void remindRenewals(LocalDate today) {
        int longest = reminderDays.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Agreement a : agreements.ending(today, today.plusDays(longest))) {
            int daysLeft = (int) java.time.temporal.ChronoUnit.DAYS.between(today, a.endDate());
            // the shortest lead time already reached is the one to send; longer ones passed unseen are skipped
            reminderDays.stream().filter(d -> daysLeft <= d).min(Integer::compare).ifPresent(lead -> {
                Instant now = clock.instant();
                boolean sent = database.inTransaction(() -> {
                    if (!agreements.markReminded(a.id(), lead, now)) {
                        return false;
                    }
                    companies.addTask(a.companyId(), "Renouvellement : « " + a.title() + " » se termine le " + a.endDate()
                            + " (dans " + daysLeft + " jours)", a.endDate().atStartOfDay(ZONE).toInstant(), a.ownerId());
                    return true;
                });
                if (sent) {
                    log.info("renewal reminder ({} days) for agreement {} on company {}", lead, a.id(), a.companyId());
                    events.publish(new org.ffmas.crm.api.event.AgreementExpiring(a.id(), a.companyId(), a.endDate(), daysLeft, now, null));
                }
            });
        }
    }

    /** Signed or active agreements ending within {@code days} days. */
    public List<Agreement> expiring(int days) {
        return agreements.ending(today(), today().plusDays(days));
    }

    /**
     * Renews an agreement: a DRAFT with the same terms, shifted by the agreement's length, linked
     * by {@code renewalOfId}. When it is signed, the original becomes RENEWED.
     */
    public Agreement renew(Actor by, long id) {
        Agreement a = get(id);
        if (!Lifecycle.wasSigned(a.status()) || a.status() == Status.TERMINATED || a.status() == Status.RENEWED) {
            throw new ConflictException("Agreement " + id + " is " + a.status() + ": only a signed, active or expired agreement is renewed.", null);
        }
        agreements.renewalOf(id).ifPresent(existing -> {
            throw new org.ffmas.crm.common.DuplicateException("Agreement " + id + " already has a renewal: agreement " + existing + ".",
                    "agreement", existing);
        });
        long days = java.time.temporal.ChronoUnit.DAYS.between(a.startDate(), a.endDate()) + 1;
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
        return get(newId);
    }

    /** The year in figures: signed amounts by kind and tier, active agreements, instalments paid / due / overdue. */
    public Map<String, Object> summary(int year) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("year", year);
        List<AgreementRepository.SignedAmount> signed = agreements.signedIn(year);
        out.put("signed", signed);
        out.put("signedAmountCents", signed.stream().mapToLong(AgreementRepository.SignedAmount::amountCents).sum());
        out.put("activeCount", agreements.countActive());
        AgreementRepository.Payments p = agreements.payments(year, today());
        out.put("paidCents", p.paidCents());
        out.put("dueCents", p.dueCents());
        out.put("overdueCents", p.overdueCents());
        return out;
    }

    private int calendarMove(long id, Status from, Status to, LocalDate today) {
        List<DomainEvent> published = new ArrayList<>();
        try {
            database.inTransaction(() -> {
                Agreement a = get(id);
                if (a.status() == from) {
                    move(CALENDAR, a, to, today, null, published);
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.error("agreement {} could not become {}: {}", id, to, e.getMessage());
            return 0;
        }
        published.forEach(events::publish);
        return published.isEmpty() ? 0 : 1;
    }

    public Agreement markPaid(Actor by, long id, long instalmentId, String paidAtText, String reference) {
        Agreement a = get(id);
        Instalment instalment = a.instalments().stream().filter(i -> i.id() == instalmentId).findFirst()
                .orElseThrow(() -> new NotFoundException("Agreement " + id + " has no instalment " + instalmentId + "."));
        if (!Lifecycle.wasSigned(a.status())) {
            throw new ConflictException("Agreement " + id + " is " + a.status() + ": only a signed agreement is paid.", null);
        }
        Validation v = new Validation();
        LocalDate paidAt = paidAtText == null ? today() : v.date("paidAt", paidAtText);
        String ref = v.optionalText("reference", reference, 100);
        if (paidAt != null && paidAt.isAfter(today())) {
            v.error("paidAt", "must not be in the future");
        }
        v.throwIfAny();
        database.inTransaction(() -> {
            agreements.markPaid(id, instalmentId, paidAt, ref);
            audit.record(by, "agreement.instalment_paid", "agreement", id,
                    Map.of("instalmentId", instalmentId, "amountCents", instalment.amountCents(), "paidAt", paidAt.toString()));
            return null;
        });
        return get(id);
    }

    public List<AgreementRepository.OverdueInstalment> overdueInstalments() {
        return agreements.overdue(today());
    }

    /** Unpaid instalments of signed agreements due before {@code day} (overdue ones included). */
    public List<AgreementRepository.OverdueInstalment> unpaidDueBefore(LocalDate day) {
        return agreements.overdue(day);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
