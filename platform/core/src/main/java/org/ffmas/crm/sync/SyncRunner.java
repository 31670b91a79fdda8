package org.ffmas.crm.sync;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ffmas.crm.api.extension.SyncConnector;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.extension.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs' life cycle: started in the background, one per connector at a time, recorded from
 * start to end; stopping ends those in progress.
 */
final class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
    private static final String INTERRUPTED = "interrupted: the platform stopped during the run";

    private final SyncRepository repository;
    private final Connectors connectors;
    private final SyncPass pass;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sync-run");
        t.setDaemon(true);
        return t;
    });

    /** Marks failed the runs the previous stop left running. */
    SyncRunner(SyncRepository repository, Connectors connectors, SyncPass pass, Clock clock) {
        this.repository = repository;
        this.connectors = connectors;
        this.pass = pass;
        this.clock = clock;
        int interrupted = repository.failInterrupted(INTERRUPTED, clock.instant());
        if (interrupted > 0) {
            log.warn("{} sync run(s) left running by the previous stop marked failed; the next runs start from the last good cursor", interrupted);
        }
    }

    boolean isRunning(String connector) {
        return running.contains(connector);
    }

    /** Starts a run of the connector in the background and returns its id; refused while one is running. */
    long start(String connector, String trigger) {
        Extension<SyncConnector> ext = connectors.named(connector);
        Optional<String> notReady = ext.extension().notReady(ext.context());
        if (notReady.isPresent()) {
            throw new ConflictException("The connector " + connector + " cannot run: " + notReady.get(), null);
        }
        if (!running.add(connector)) {
            throw new ConflictException("The connector " + connector + " is already running; wait for its run to finish.", null);
        }
        long runId;
        try {
            runId = repository.startRun(connector, trigger, repository.cursor(connector).orElse(null), clock.instant());
            runner.execute(() -> {
                try {
                    // released as the run's end is written: whoever reads "finished" may start the next one at once
                    execute(runId, ext, () -> running.remove(connector));
                } finally {
                    running.remove(connector);
                }
            });
        } catch (RuntimeException e) {
            running.remove(connector);
            throw e;
        }
        return runId;
    }

    /** The schedule's turn: every started connector not already running. */
    void runScheduled() {
        for (Extension<SyncConnector> e : connectors.all()) {
            String name = e.extension().system();
            if (e.extension().notReady(e.context()).isPresent()) {
                log.debug("scheduled sync of {} skipped: not configured", name);
            } else if (!running.contains(name)) {
                try {
                    start(name, "SCHEDULE");
                } catch (ConflictException alreadyRunning) {
                    log.debug("scheduled sync of {} skipped: already running", name);
                }
            }
        }
    }

    /** Ends the runs in progress (they are recorded as interrupted at the next start if they do not finish). */
    void stop() {
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("sync runs still busy after 10 s: {}", running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(long runId, Extension<SyncConnector> ext, Runnable release) {
        ActiveRun run = new ActiveRun(runId, ext, new SyncCounts());
        String name = run.name();
        SyncCounts counts = run.counts();
        String cursor = repository.cursor(name).orElse(null);
        Set<String> parked = repository.parkedContactIds(name);
        log.info("sync run {} of {} started (cursor {})", runId, name, cursor);
        try {
            cursor = pass.run(run, parked);
            repository.progress(runId, counts, cursor);
            release.run();
            repository.finishRun(runId, "SUCCEEDED", null, clock.instant());
            log.info("sync run {} of {} succeeded: {} pulled, {} pushed, {} conflicts, {} errors, {} retries", runId, name, counts.pulled(),
                    counts.pushed(), counts.conflicts(), counts.errors(), counts.attempts());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release.run();
            fail(run, INTERRUPTED);
        } catch (Exception | LinkageError e) {
            release.run();
            fail(run, Failures.describe(e));
        }
    }

    private void fail(ActiveRun run, String cause) {
        String cursor = null;
        try {
            cursor = repository.cursor(run.name()).orElse(null); // the last good one, saved page by page
            repository.progress(run.id(), run.counts(), cursor);
            repository.finishRun(run.id(), "FAILED", cause, clock.instant());
        } catch (RuntimeException e) {
            log.error("could not record the failure of sync run {}: {}", run.id(), e.getMessage());
        }
        log.warn("sync run {} of {} failed: {} (the next run starts from cursor {})", run.id(), run.name(), cause, cursor);
    }
}
