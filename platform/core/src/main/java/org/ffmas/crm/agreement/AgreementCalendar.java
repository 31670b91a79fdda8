package org.ffmas.crm.agreement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.api.event.AgreementExpiring;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agreements' dates, with no one looking: SIGNED agreements whose start date has come become
 * ACTIVE, ACTIVE ones past their end date become EXPIRED, and renewals are reminded ahead of the end.
 */
final class AgreementCalendar {

    private static final Logger log = LoggerFactory.getLogger(AgreementCalendar.class);

    private final Database database;
    private final AgreementRepository agreements;
    private final AgreementLookup lookup;
    private final AgreementMoves moves;
    private final CompanyService companies;
    private final EventBus events;
    private final Clock clock;
    private final List<Integer> reminderDays;

    AgreementCalendar(Database database, AgreementRepository agreements, AgreementLookup lookup, AgreementMoves moves,
                      CompanyService companies, EventBus events, Clock clock, List<Integer> reminderDays) {
        this.database = database;
        this.agreements = agreements;
        this.lookup = lookup;
        this.moves = moves;
        this.companies = companies;
        this.events = events;
        this.clock = clock;
        this.reminderDays = List.copyOf(reminderDays);
    }

    /** Activates, expires (each move in its own transaction) and reminds; returns how many agreements moved. */
    int apply() {
        LocalDate today = lookup.today();
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

    private int calendarMove(long id, Status from, Status to, LocalDate today) {
        List<DomainEvent> published = new ArrayList<>();
        try {
            database.inTransaction(() -> {
                Agreement a = lookup.get(id);
                if (a.status() == from) {
                    moves.move(AgreementMoves.CALENDAR, a, to, today, null, published);
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

    /** A renewal TASK on the company's timeline N days before an end date, once for each N. */
    private void remindRenewals(LocalDate today) {
        int longest = reminderDays.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Agreement a : agreements.ending(today, today.plusDays(longest))) {
            int daysLeft = (int) ChronoUnit.DAYS.between(today, a.endDate());
            // the shortest lead time already reached is the one to send; longer ones passed unseen are skipped
            reminderDays.stream().filter(d -> daysLeft <= d).min(Integer::compare).ifPresent(lead -> {
                Instant now = clock.instant();
                boolean sent = database.inTransaction(() -> {
                    if (!agreements.markReminded(a.id(), lead, now)) {
                        return false;
                    }
                    companies.addTask(a.companyId(), "Renouvellement : « " + a.title() + " » se termine le " + a.endDate()
                            + " (dans " + daysLeft + " jours)", a.endDate().atStartOfDay(AgreementService.ZONE).toInstant(), a.ownerId());
                    return true;
                });
                if (sent) {
                    log.info("renewal reminder ({} days) for agreement {} on company {}", lead, a.id(), a.companyId());
                    events.publish(new AgreementExpiring(a.id(), a.companyId(), a.endDate(), daysLeft, now, null));
                }
            });
        }
    }

    /** Signed or active agreements ending within {@code days} days. */
    List<Agreement> expiring(int days) {
        return agreements.ending(lookup.today(), lookup.today().plusDays(days));
    }
}
