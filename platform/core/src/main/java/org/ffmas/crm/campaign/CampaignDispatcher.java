package org.ffmas.crm.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.campaign.CampaignRepository.Claimed;
import org.ffmas.crm.campaign.CampaignRepository.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued deliveries: claims a batch ({@code FOR UPDATE SKIP LOCKED}, with a lease), renders
 * and sends each message at the configured rate over one kept connection, and records the batch's
 * outcomes at once while the next batch is sent. A crash can therefore resend at most two batches
 * of 25: the one being recorded and the one being sent.
 */
final class CampaignDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);
    static final int BATCH = 25;
    private static final int LEASE_SECONDS = 300;
    private static final int MAX_ATTEMPTS = 8;

    private final CampaignService service;
    private final Pace pace;
    private volatile boolean stopping;

    CampaignDispatcher(CampaignService service) {
        this.service = service;
        this.pace = new Pace(service.settings().rate());
        // one dispatcher per platform: what the last run had claimed was in flight when it stopped
        int inFlight = service.repository().releaseAllClaims();
        if (inFlight > 0) {
            log.warn("{} deliveries were in flight when the platform last stopped; they go back to the queue "
                    + "(those already accepted by the mail server will be sent twice)", inFlight);
        }
    }

    /**
     * Lets the turn in progress finish the message in hand, put the rest of its claims back in the
     * queue and record what was sent, so that a normal stop sends nobody twice.
     */
    void stop() {
        stopping = true;
        try {
            if (turn.tryLock(30, TimeUnit.SECONDS)) {
                turn.unlock();
            } else {
                log.warn("the campaign dispatcher was still sending 30 s after the stop was asked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.shutdown();
    }

    /** One turn of the route: start due campaigns, send all that is due, close finished ones. */
    void tick() throws InterruptedException {
        turn.lock();
        try {
            if (!stopping) {
                sendAllDue();
            }
        } finally {
            turn.unlock();
        }
    }

    private void sendAllDue() throws InterruptedException {
        service.startDue();
        service.repository().releaseExpired(service.clock().instant());
        try (MailChannel channel = service.openChannel()) {
            List<Claimed> batch = await(recordAndClaim(List.of()));
            List<Outcome> previous = List.of();
            while (!batch.isEmpty()) {
                // while this batch is sent: the previous one's outcomes are recorded, the next one claimed
                Future<List<Claimed>> following = recordAndClaim(previous);
                List<Outcome> done = new ArrayList<>(batch.size());
                boolean serverUp = send(channel, batch, done);
                List<Claimed> next = await(following);
                previous = done;
                if (!serverUp) {
                    release(next);
                    break;
                }
                batch = next;
            }
            record(previous);
        }
        service.completeFinished();
    }

    /** Held by the turn in progress, so that a stop can wait for it. */
    private final ReentrantLock turn = new ReentrantLock();

    private final ExecutorService database = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "campaign-dispatch-db");
        t.setDaemon(true);
        return t;
    });

    private Future<List<Claimed>> recordAndClaim(List<Outcome> outcomes) {
        return database.submit(() -> service.database().inTransaction(() -> {
            service.repository().record(outcomes, service.clock().instant());
            return stopping ? List.<Claimed>of() : service.repository().claim(service.clock().instant(), BATCH, LEASE_SECONDS);
        }));
    }

    private void record(List<Outcome> outcomes) {
        service.database().inTransaction(() -> {
            service.repository().record(outcomes, service.clock().instant());
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
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Sends a batch, adding each outcome; false when the server is down (the rest of the batch waits for a later turn). */
    private boolean send(MailChannel channel, List<Claimed> batch, List<Outcome> outcomes) throws InterruptedException {
        Map<Long, Campaign> campaigns = new HashMap<>();
        boolean serverUp = true;
        for (Claimed d : batch) {
            Campaign c = campaigns.computeIfAbsent(d.campaignId(), service::get);
            if (!serverUp) {
                // not tried: waits for the server without using up an attempt
                outcomes.add(new Outcome(d.deliveryId(), "DEFERRED", null, waitForServer()));
                continue;
            }
            if (!c.status().equals("SENDING") || service.halted(c.id()) || stopping) {
                // paused, cancelled or stopping: back to the queue untouched
                outcomes.add(new Outcome(d.deliveryId(), "RELEASED", null, null));
                continue;
            }
            pace.await();
            OutgoingMail mail;
            try {
                mail = service.compose(c, d.recipient(), d.deliveryId(), null);
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(d.deliveryId(), "FAILED", "the message could not be rendered: " + e.getMessage(), null));
                continue;
            }
            try {
                outcomes.add(new Outcome(d.deliveryId(), "SENT", channel.send(mail), null));
            } catch (MailFailure f) {
                if (f.permanent()) {
                    outcomes.add(new Outcome(d.deliveryId(), "FAILED", f.getMessage(), null));
                } else if (f.serverDown()) {
                    // the server, not this message, is the trouble: an outage of any length fails no one
                    outcomes.add(new Outcome(d.deliveryId(), "DEFERRED", f.getMessage(), waitForServer()));
                } else if (d.attempts() + 1 >= MAX_ATTEMPTS) {
                    outcomes.add(new Outcome(d.deliveryId(), "FAILED", "gave up after " + MAX_ATTEMPTS + " attempts: " + f.getMessage(), null));
                } else {
                    outcomes.add(new Outcome(d.deliveryId(), "QUEUED", f.getMessage(), later(d, 1)));
                }
                if (f.serverDown()) {
                    serverUp = false;
                    log.warn("campaign {}: {}; sending waits until {}", d.campaignId(), f.getMessage(), waitForServer());
                }
            }
        }
        return serverUp;
    }

    private Instant waitForServer() {
        return service.clock().instant().plus(Duration.ofSeconds(service.settings().retrySeconds()));
    }

    private Instant later(Claimed d, int extraAttempts) {
        if (extraAttempts == 0) {
            return null;
        }
        long seconds = (long) service.settings().retrySeconds() << Math.min(d.attempts(), 6);
        return service.clock().instant().plus(Duration.ofSeconds(Math.min(seconds, 3600)));
    }
}
