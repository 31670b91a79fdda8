package org.ffmas.crm.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.campaign.DeliveryRepository.Claimed;
import org.ffmas.crm.campaign.DeliveryRepository.Outcome;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued deliveries: claims a batch ({@code FOR UPDATE SKIP LOCKED}, with a lease), shares
 * its messages out between a few kept connections (each on its own thread, the rate shared by
 * all), and records the batch's outcomes at once while the next batch is sent. A crash can
 * therefore resend at most two batches (50 at the default rate, 200 at the most): the one being
 * recorded and the one being sent.
 */
final class CampaignDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);
    /** Deliveries claimed at once: about a second of sending at the configured rate, 25 to 100. */
    private final int batch;
    private static final int LEASE_SECONDS = 300;
    /** How long a turn waits for a campaign to be sent before it ends (the route starts the next one 250 ms later). */
    private static final long WAKE_WAIT_MS = 250;
    private static final int MAX_ATTEMPTS = 8;

    private final Database db;
    private final DeliveryRepository deliveries;
    private final CampaignDrafts drafts;
    private final CampaignLifecycle lifecycle;
    private final MessageComposer composer;
    private final MailChannels mailChannels;
    private final Clock clock;
    private final MailSettings settings;
    private final Pace pace;
    private volatile boolean stopping;

    /** Held by the turn in progress, so that a stop can wait for it. */
    private final ReentrantLock turn = new ReentrantLock();

    /** Released when deliveries were queued: the route's turn then goes on at once instead of at its next period. */
    private final Semaphore queued = new Semaphore(0);

    /** Records outcomes and claims the next batch while a batch is sent. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> daemon(r, "campaign-dispatch-db"));

    /** One thread per connection beyond the first (the route's own thread sends on the first); null with one connection. */
    private final ExecutorService senders;

    CampaignDispatcher(Database db, DeliveryRepository deliveries, CampaignDrafts drafts, CampaignLifecycle lifecycle,
                       MessageComposer composer, MailChannels mailChannels, Clock clock, MailSettings settings) {
        this.db = db;
        this.deliveries = deliveries;
        this.drafts = drafts;
        this.lifecycle = lifecycle;
        this.composer = composer;
        this.mailChannels = mailChannels;
        this.clock = clock;
        this.settings = settings;
        this.pace = new Pace(settings.outgoing().rate());
        // about a second of sending: a crash resends at most two batches, small ones at polite rates
        this.batch = (int) Math.max(25, Math.min(1000, Math.ceil(settings.outgoing().rate())));
        int connections = settings.outgoing().connections();
        this.senders = connections <= 1 ? null : Executors.newFixedThreadPool(connections - 1, r -> daemon(r, "campaign-sender"));
        // one dispatcher per platform: what the last run had claimed was in flight when it stopped
        int inFlight = deliveries.releaseAllClaims();
        if (inFlight > 0) {
            log.warn("{} deliveries were in flight when the platform last stopped; they go back to the queue "
                    + "(those already accepted by the mail server will be sent twice)", inFlight);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Lets the turn in progress finish the messages in hand, put the rest of its claims back in
     * the queue and record what was sent, so that a normal stop sends nobody twice.
     */
    void stop() {
        stopping = true;
        queued.release(); // a turn waiting for a campaign ends now
        try {
            if (!turn.tryLock(30, TimeUnit.SECONDS)) {
                // left running (daemon threads) rather than cut off: what it sends is still recorded if it gets the time
                log.warn("the campaign dispatcher was still sending 30 s after the stop was asked");
                return;
            }
            turn.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (senders != null) {
            senders.shutdown();
        }
        recorder.shutdown();
    }

    /** Deliveries were just queued (a campaign sent or resumed): sending starts now, not at the next turn. */
    void wake() {
        queued.release();
    }

    /**
     * One turn of the route: start due campaigns, send all that is due, close finished ones; then,
     * for a little while, wait for a campaign sent meanwhile, so that it starts at once.
     */
    void tick() throws InterruptedException {
        do {
            queued.drainPermits();
            turn.lock();
            try {
                if (stopping) {
                    return;
                }
                sendAllDue();
            } finally {
                turn.unlock();
            }
        } while (!stopping && queued.tryAcquire(WAKE_WAIT_MS, TimeUnit.MILLISECONDS));
    }

    private void sendAllDue() throws InterruptedException {
        lifecycle.startDue();
        deliveries.releaseExpired(clock.instant());
        List<MailChannel> channels = mailChannels.open(senders == null ? 1 : settings.outgoing().connections());
        try {
            List<Claimed> batch = await(recordAndClaim(List.of()));
            List<Outcome> previous = List.of();
            while (!batch.isEmpty()) {
                // while this batch is sent: the previous one's outcomes are recorded, the next one claimed
                Future<List<Claimed>> following = recordAndClaim(previous);
                List<Outcome> done = Collections.synchronizedList(new ArrayList<>(batch.size()));
                boolean serverUp = send(channels, batch, done);
                List<Claimed> next = await(following);
                previous = List.copyOf(done);
                if (!serverUp) {
                    release(next);
                    break;
                }
                batch = next;
            }
            record(previous);
        } finally {
            channels.forEach(MailChannel::close);
        }
        lifecycle.completeFinished();
    }

    private Future<List<Claimed>> recordAndClaim(List<Outcome> outcomes) {
        return recorder.submit(() -> db.inTransaction(() -> {
            deliveries.record(outcomes, clock.instant());
            return stopping ? List.<Claimed>of() : deliveries.claim(clock.instant(), batch, LEASE_SECONDS);
        }));
    }

    private void record(List<Outcome> outcomes) {
        db.inTransaction(() -> {
            deliveries.record(outcomes, clock.instant());
            return null;
        });
    }

    /** Claimed but not to be sent now: back to the queue as they were. */
    private void release(List<Claimed> claimed) {
        record(claimed.stream().map(c -> new Outcome(c.deliveryId(), "RELEASED", null, null)).toList());
    }

    private static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped while sending");
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Sends a batch, its messages shared out between the connections, adding each outcome; false
     * when no connection could get through (the rest of the batch waits for a later turn).
     */
    private boolean send(List<MailChannel> channels, List<Claimed> batch, List<Outcome> outcomes) throws InterruptedException {
        Map<Long, Campaign> campaigns = new HashMap<>();
        for (Claimed d : batch) {
            campaigns.computeIfAbsent(d.campaignId(), drafts::get);
        }
        int n = Math.min(channels.size(), batch.size());
        List<Future<Boolean>> others = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            MailChannel channel = channels.get(i);
            List<Claimed> part = share(batch, i, n);
            others.add(senders.submit(() -> sendPart(channel, part, campaigns, outcomes)));
        }
        boolean anyUp;
        RuntimeException failure = null;
        try {
            anyUp = sendPart(channels.get(0), share(batch, 0, n), campaigns, outcomes);
        } catch (RuntimeException e) {
            anyUp = false;
            failure = e;
        }
        // every sender is waited for, whatever happened to the others: what they sent must be recorded
        InterruptedException interrupted = null;
        for (Future<Boolean> other : others) {
            try {
                anyUp |= await(other);
            } catch (InterruptedException e) {
                interrupted = e;
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
        if (failure != null) {
            throw failure;
        }
        return anyUp;
    }

    /** Every {@code n}-th delivery of the batch, from the {@code i}-th. */
    private static List<Claimed> share(List<Claimed> batch, int i, int n) {
        List<Claimed> part = new ArrayList<>(batch.size() / n + 1);
        for (int k = i; k < batch.size(); k += n) {
            part.add(batch.get(k));
        }
        return part;
    }

    /**
     * Sends deliveries one after the other over one connection, adding each outcome; false when
     * this connection could not get through (the rest of its part then waits).
     */
    private boolean sendPart(MailChannel channel, List<Claimed> part, Map<Long, Campaign> campaigns, List<Outcome> outcomes)
            throws InterruptedException {
        boolean up = true;
        for (Claimed d : part) {
            Campaign c = campaigns.get(d.campaignId());
            if (!up) {
                // not tried: waits for the server without using up an attempt
                outcomes.add(new Outcome(d.deliveryId(), "DEFERRED", null, waitForServer()));
                continue;
            }
            if (c.status() != CampaignStatus.SENDING || lifecycle.halted(c.id()) || stopping) {
                // paused, cancelled or stopping: back to the queue untouched
                outcomes.add(new Outcome(d.deliveryId(), "RELEASED", null, null));
                continue;
            }
            pace.await();
            OutgoingMail mail;
            try {
                mail = composer.compose(c, d.recipient(), d.deliveryId(), null);
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(d.deliveryId(), "FAILED", "the message could not be rendered: " + e.getMessage(), null));
                continue;
            }
            try {
                outcomes.add(new Outcome(d.deliveryId(), "SENT", channel.send(mail), null));
            } catch (MailFailure f) {
                if (f.permanent()) {
                    outcomes.add(new Outcome(d.deliveryId(), "FAILED", f.getMessage(), null));
                } else if (f.untried()) {
                    // the server could not be reached at all: an outage of any length fails no one
                    outcomes.add(new Outcome(d.deliveryId(), "DEFERRED", f.getMessage(), waitForServer()));
                } else if (d.attempts() + 1 >= MAX_ATTEMPTS) {
                    outcomes.add(new Outcome(d.deliveryId(), "FAILED", "gave up after " + MAX_ATTEMPTS + " attempts: " + f.getMessage(), null));
                } else {
                    outcomes.add(new Outcome(d.deliveryId(), "QUEUED", f.getMessage(), later(d)));
                }
                if (f.serverDown()) {
                    up = false;
                    log.warn("campaign {}: {}; this connection's messages wait until {}", d.campaignId(), f.getMessage(), waitForServer());
                }
            }
        }
        return up;
    }

    private Instant waitForServer() {
        return clock.instant().plus(Duration.ofSeconds(settings.outgoing().retrySeconds()));
    }

    /** The next try of a message the server turned away for now: the wait doubles with each attempt, an hour at most. */
    private Instant later(Claimed d) {
        long seconds = (long) settings.outgoing().retrySeconds() << Math.min(d.attempts(), 6);
        return clock.instant().plus(Duration.ofSeconds(Math.min(seconds, 3600)));
    }
}
