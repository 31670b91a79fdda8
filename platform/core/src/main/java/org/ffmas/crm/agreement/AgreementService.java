package org.ffmas.crm.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.Agreements;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;

/**
 * Agreements: terms, the lifecycle, the company's partner status that follows, payments. The
 * features' one entry to them: drafts are edited by {@link AgreementDrafts}, moved by
 * {@link AgreementMoves} and {@link AgreementCalendar}, paid through {@link AgreementPayments}.
 */
public final class AgreementService {

    /** Dates are the federation's: a day starts at midnight in Paris. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final Actor MERGE = Actor.system("merge", Role.STAFF);

    private final AgreementRepository agreements;
    private final AgreementLookup lookup;
    private final AgreementDrafts drafts;
    private final AgreementMoves moves;
    private final AgreementCalendar calendar;
    private final AgreementPayments payments;
    private final Agreements forPlugins;
    private final Map<String, Long> tiers;

    public AgreementService(Database database, AgreementRepository agreements, CompanyService companies, ContactService contacts,
                            UserDirectory users, AuditService audit, EventBus events, Clock clock, Map<String, Long> tiers,
                            List<Integer> reminderDays) {
        this.agreements = agreements;
        this.tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        this.lookup = new AgreementLookup(agreements, clock);
        this.drafts = new AgreementDrafts(database, agreements, lookup, companies, contacts, users, audit, clock, this.tiers);
        this.moves = new AgreementMoves(database, agreements, lookup, companies, audit, events, clock);
        this.calendar = new AgreementCalendar(database, agreements, lookup, moves, companies, events, clock, reminderDays);
        this.payments = new AgreementPayments(database, agreements, lookup, audit);
        this.forPlugins = new PluginAgreements(agreements);
        companies.onMerge((source, target) -> {
            agreements.moveAll(source, target);
            AgreementRepository.CompanyAgreements state = agreements.ofCompany(target, today());
            companies.followAgreements(MERGE, target, state.active() > 0, state.everSigned() > 0);
        });
    }

    public LocalDate today() {
        return lookup.today();
    }

    public Map<String, Long> tiers() {
        return tiers;
    }

    public Agreement get(long id) {
        return lookup.get(id);
    }

    /** The agreements service as plugins read it. */
    public Agreements forPlugins() {
        return forPlugins;
    }

    public Page<Agreement> list(AgreementQuery q, int page, int size) {
        return agreements.search(q, page, size);
    }

    public Agreement create(Actor by, NewAgreement agreement) {
        return drafts.create(by, agreement);
    }

    /**
     * The bridge for JSON built elsewhere (the UI's form, named as in the API): {@code body} read as
     * {@link NewAgreement#from} reads an API body, then created.
     */
    public Agreement create(Actor by, JsonNode body) {
        return create(by, NewAgreement.from(body));
    }

    /** Changes an agreement; its terms only while DRAFT or SENT (a signed one is amended or terminated). */
    public Agreement update(Actor by, long id, AgreementChange change) {
        return drafts.update(by, id, change);
    }

    /**
     * Moves an agreement in its lifecycle. An illegal move is a 409 listing the allowed ones;
     * TERMINATED needs a reason. Signing an agreement whose start date has come activates it.
     */
    public Agreement transition(Actor by, long id, String toText, String dateText, String reason) {
        return moves.transition(by, id, toText, dateText, reason);
    }

    /**
     * The calendar, run by a scheduled route: SIGNED agreements whose start date has come become
     * ACTIVE, ACTIVE ones past their end date become EXPIRED. Each move in its own transaction.
     */
    public int applyCalendar() {
        return calendar.apply();
    }

    /** Signed or active agreements ending within {@code days} days. */
    public List<Agreement> expiring(int days) {
        return calendar.expiring(days);
    }

    /**
     * Renews an agreement: a DRAFT with the same terms, shifted by the agreement's length, linked
     * by {@code renewalOfId}. When it is signed, the original becomes RENEWED.
     */
    public Agreement renew(Actor by, long id) {
        return drafts.renew(by, id);
    }

    /** The year in figures: signed amounts by kind and tier, active agreements, instalments paid / due / overdue. */
    public Map<String, Object> summary(int year) {
        return payments.summary(year);
    }

    public Agreement markPaid(Actor by, long id, long instalmentId, String paidAtText, String reference) {
        return payments.markPaid(by, id, instalmentId, paidAtText, reference);
    }

    public List<OverdueInstalment> overdueInstalments() {
        return payments.unpaidDueBefore(today());
    }

    /** Unpaid instalments of signed agreements due before {@code day} (overdue ones included). */
    public List<OverdueInstalment> unpaidDueBefore(LocalDate day) {
        return payments.unpaidDueBefore(day);
    }
}
