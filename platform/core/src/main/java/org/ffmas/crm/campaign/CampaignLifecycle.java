package org.ffmas.crm.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.event.CampaignSent;
import org.ffmas.crm.api.event.CampaignStarted;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.campaign.CampaignStatus.Move;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign's life once written: sent now or at a time (its recipients then frozen), paused,
 * resumed, cancelled, and marked sent when nothing is left to send. The moves allowed are those
 * of {@link CampaignStatus.Move}.
 */
final class CampaignLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignLifecycle.class);
    private static final Actor SYSTEM = Actor.system("campaigns", Role.STAFF);

    private final Database database;
    private final CampaignRepository repository;
    private final DeliveryRepository deliveries;
    private final CampaignDrafts drafts;
    private final CompanyService companies;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;
    /** Campaigns paused or cancelled: the dispatcher stops at the next message, not the next batch. */
    private final Set<Long> halted = ConcurrentHashMap.newKeySet();
    /** Run once deliveries are committed to the queue: wakes the dispatcher (set by the campaigns' routes). */
    private volatile Runnable queuedHook = () -> { };

    CampaignLifecycle(Database database, CampaignRepository repository, DeliveryRepository deliveries, CampaignDrafts drafts,
                      CompanyService companies, AuditService audit, EventBus events, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.deliveries = deliveries;
        this.drafts = drafts;
        this.companies = companies;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Freezes the recipients and starts sending now. */
    Campaign send(Actor by, long id) {
        Instant now = clock.instant();
        int queued = database.inTransaction(() -> {
            Campaign c = repository.lock(id).orElseThrow(() -> CampaignDrafts.notFound(id));
            if (!Move.SEND.allowedFrom(c.status())) {
                throw Move.SEND.refused(id, c.status());
            }
            return start(by, c, Move.SEND, now);
        });
        events.publish(new CampaignStarted(id, queued, now, by.userId() == 0 ? null : by.userId()));
        queuedHook.run();
        return drafts.get(id);
    }

    /** Tells the dispatcher that deliveries were just committed to the queue (a send, a resume). */
    void onQueued(Runnable hook) {
        this.queuedHook = hook;
    }

    private int start(Actor by, Campaign c, Move move, Instant now) {
        int queued = repository.freeze(c.id(), c.segment(), now);
        if (queued == 0) {
            throw new ConflictException("The segment of campaign " + c.id() + " reaches no one (after unsubscribed, bounced and "
                    + "suppressed addresses are left out): nothing was queued.", null);
        }
        repository.move(c.id(), move, null, now);
        audit.record(by, "campaign.started", "campaign", c.id(), Map.of("recipients", queued));
        log.info("campaign {} started by user {}: {} recipients queued", c.id(), by.userId(), queued);
        return queued;
    }

    Campaign schedule(Actor by, long id, String at) {
        Validation v = new Validation();
        Instant when = v.instant("at", at);
        if (when == null && !v.has("at")) {
            v.error("at", "is required: when to send, such as 2026-12-01T08:00:00Z");
        } else if (when != null && !when.isAfter(clock.instant())) {
            v.error("at", "must be in the future");
        } else if (when != null && when.isAfter(clock.instant().plus(Duration.ofDays(366)))) {
            v.error("at", "must be within a year");
        }
        v.throwIfAny();
        Campaign c = drafts.get(id);
        if (repository.countRecipients(c.segment()) == 0) {
            throw new ConflictException("The segment of campaign " + id + " reaches no one: there is nothing to schedule.", null);
        }
        return move(by, id, Move.SCHEDULE, when);
    }

    Campaign pause(Actor by, long id) {
        Campaign c = move(by, id, Move.PAUSE, null);
        halted.add(id);
        return c;
    }

    Campaign resume(Actor by, long id) {
        Campaign c = move(by, id, Move.RESUME, null);
        halted.remove(id);
        queuedHook.run();
        return c;
    }

    /** Whether the campaign was paused or cancelled since the dispatcher read it. */
    boolean halted(long id) {
        return halted.contains(id);
    }

    Campaign cancel(Actor by, long id) {
        halted.add(id);
        Campaign c = move(by, id, Move.CANCEL, null);
        int skipped = deliveries.skipPendingOfCampaign(id, "campaign cancelled");
        log.info("campaign {} cancelled by user {}: {} deliveries not sent", id, by.userId(), skipped);
        return c;
    }

    private Campaign move(Actor by, long id, Move move, Instant at) {
        Campaign c = drafts.get(id);
        boolean moved = database.inTransaction(() -> {
            boolean done = repository.move(id, move, at, clock.instant());
            if (done) {
                audit.record(by, "campaign." + move.to().name().toLowerCase(Locale.ROOT), "campaign", id,
                        at == null ? Map.of() : Map.of("at", at.toString()));
            }
            return done;
        });
        if (!moved) {
            throw move.refused(id, c.status());
        }
        log.info("campaign {} {} by user {}", id, move.to(), by.userId());
        return drafts.get(id);
    }

    /** The schedule's turn: scheduled campaigns whose time came start sending. */
    void startDue() {
        for (long id : repository.dueScheduled(clock.instant())) {
            Instant now = clock.instant();
            try {
                int queued = database.inTransaction(() -> {
                    Campaign c = repository.lock(id).orElseThrow();
                    return Move.START_SCHEDULED.allowedFrom(c.status()) ? start(SYSTEM, c, Move.START_SCHEDULED, now) : 0;
                });
                if (queued > 0) {
                    events.publish(new CampaignStarted(id, queued, now, null));
                }
            } catch (ConflictException nobody) {
                repository.move(id, Move.CANCEL_UNREACHABLE, null, now);
                log.warn("scheduled campaign {} cancelled: its segment reaches no one", id);
            }
        }
    }

    /** Campaigns with nothing left to send become SENT, on their recipients' companies' timelines. */
    void completeFinished() {
        for (long id : repository.finishedSending()) {
            Instant now = clock.instant();
            CampaignStats stats = database.inTransaction(() -> {
                if (!repository.move(id, Move.FINISH, null, now)) {
                    return null;
                }
                Campaign c = drafts.get(id);
                deliveries.sentByCompany(id).forEach((companyId, count) -> companies.recordMail(companyId, null, true,
                        "Campagne « " + c.name() + " » envoyée à " + count + (count > 1 ? " contacts" : " contact")));
                return deliveries.stats(id);
            });
            if (stats != null) {
                log.info("campaign {} sent: {} accepted, {} failed, {} skipped", id, stats.sent(), stats.failed(), stats.skipped());
                events.publish(new CampaignSent(id, stats.sent(), stats.failed(), now, null));
            }
        }
    }
}
