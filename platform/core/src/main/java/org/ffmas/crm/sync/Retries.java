package org.ffmas.crm.sync;

import java.util.concurrent.Callable;
import org.ffmas.crm.config.PlatformSettings.SyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the external system, trying again with a doubling wait; a refused record is not retried. */
final class Retries {

    private static final Logger log = LoggerFactory.getLogger(Retries.class);
    private static final long LONGEST_WAIT_MILLIS = 300_000;

    private final SyncSettings settings;

    Retries(SyncSettings settings) {
        this.settings = settings;
    }

    /** Each try again is counted in the run; an {@link IllegalArgumentException} (the record refused) goes through at once. */
    <T> T call(ActiveRun run, Callable<T> call) throws Exception {
        long wait = settings.backoffMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (IllegalArgumentException refused) {
                throw refused;
            } catch (Exception e) {
                if (attempt >= settings.retries() || e instanceof InterruptedException) {
                    throw e;
                }
                run.counts().addRetry();
                log.warn("sync run {}: {}; trying again in {} ms", run.id(), Failures.describe(e), wait);
                Thread.sleep(wait);
                wait = Math.min(wait * 2, LONGEST_WAIT_MILLIS);
            }
        }
    }
}
