package org.ffmas.crm.agreement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.event.AgreementStatusChanged;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agreements moving in their {@link Lifecycle}: each move recorded (history, audit, timeline),
 * the company's partner status following, the renewed agreement marked RENEWED, and an event
 * published once the move is committed.
 */
final class AgreementMoves {

    private static final Logger log = LoggerFactory.getLogger(AgreementMoves.class);

    /** Who moves agreements on their dates. */
    static final Actor CALENDAR = Actor.system("calendar", Role.STAFF);

    private final Database database;
    private final AgreementRepository agreements;
    private final AgreementLookup lookup;
    private final CompanyService companies;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;

    AgreementMoves(Database database, AgreementRepository agreements, AgreementLookup lookup, CompanyService companies, AuditService audit,
                   EventBus events, Clock clock) {
        this.database = database;
        this.agreements = agreements;
        this.lookup = lookup;
        this.companies = companies;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Moves an agreement in its lifecycle. An illegal move is a 409 listing the allowed ones;
     * TERMINATED needs a reason. Signing an agreement whose start date has come activates it.
     */
    Agreement transition(Actor by, long id, String toText, String dateText, String reason) {
        Validation v = new Validation();
        Status to = Enums.parse(v, "to", toText, Status.class);
        if (toText == null) {
            v.error("to", "is required");
        }
        LocalDate on = dateText == null ? lookup.today() : v.date("date", dateText);
        String why = v.optionalText("reason", reason, 500);
        if (to == Status.TERMINATED && why == null && !v.has("reason")) {
            v.error("reason", "is required to terminate an agreement");
        }
        if (on != null && on.isAfter(lookup.today())) {
            v.error("date", "must not be in the future");
        }
        v.throwIfAny();
        List<DomainEvent> published = new ArrayList<>();
        database.inTransaction(() -> {
            move(by, lookup.get(id), to, on, why, published);
            if (to == Status.SIGNED && !lookup.get(id).startDate().isAfter(lookup.today())) {
                move(CALENDAR, lookup.get(id), Status.ACTIVE, lookup.today(), null, published);
            }
            return null;
        });
        published.forEach(events::publish);
        return lookup.get(id);
    }

    /**
     * One move, in the caller's transaction: status, history, audit, timeline, company status,
     * renewal. The events to publish once the transaction commits are added to {@code published}.
     */
    void move(Actor by, Agreement a, Status to, LocalDate on, String reason, List<DomainEvent> published) {
        if (!Lifecycle.canMove(a.status(), to)) {
            throw new ConflictException("Agreement " + a.id() + " is " + a.status() + " and cannot become " + to + "; allowed: "
                    + (Lifecycle.allowed(a.status()).isEmpty() ? "none" : Lifecycle.allowed(a.status()).toString()) + ".", null);
        }
        Instant now = clock.instant();
        if (!agreements.move(a.id(), a.status(), to, to == Status.SIGNED ? on : null, reason, now)) {
            throw new ConflictException("Agreement " + a.id() + " was moved by someone else meanwhile; reload it.", null);
        }
        Long userId = by.userId() == 0 ? null : by.userId();
        agreements.recordTransition(a.id(), a.status(), to, on, reason, userId, by.name(), now);
        String action = "agreement." + to.name().toLowerCase(Locale.ROOT);
        audit.record(by, action, "agreement", a.id(),
                reason == null ? Map.of("from", a.status().name(), "on", on.toString())
                        : Map.of("from", a.status().name(), "on", on.toString(), "reason", reason));
        companies.recordSystemEvent(a.companyId(), action, a.title(), userId);
        AgreementRepository.CompanyAgreements state = agreements.ofCompany(a.companyId(), lookup.today());
        companies.followAgreements(by, a.companyId(), state.active() > 0, state.everSigned() > 0);
        published.add(new AgreementStatusChanged(a.id(), a.companyId(), a.status().name(), to.name(), now, userId));
        log.info("agreement {} {} -> {} by {}", a.id(), a.status(), to, by.name());
        if (to == Status.SIGNED && a.renewalOfId() != null) {
            Agreement renewed = lookup.get(a.renewalOfId());
            if (Lifecycle.canMove(renewed.status(), Status.RENEWED)) {
                move(by, renewed, Status.RENEWED, on, "renewed by agreement " + a.id(), published);
            }
        }
    }
}
