package org.ffmas.crm.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.ffmas.crm.common.TooManyRequestsException;

/**
 * Bounds the logins in progress on this node ({@code auth.login.concurrency}): each holds 19 MiB
 * and a core for its password check, and a database connection before and after it. A login that
 * finds every slot taken waits a moment at most, then is answered 429: a burst of logins can
 * neither queue up for the connection pool nor starve the other requests of it.
 */
final class LoginSlots {

    private static final long WAIT_MS = 100;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** A slot taken; given back when closed. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore permits;

    LoginSlots(int concurrency) {
        this.permits = new Semaphore(concurrency);
    }

    Slot enter() {
        boolean taken;
        try {
            taken = permits.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw new TooManyRequestsException("Too many logins in progress; try again in a moment.", RETRY_AFTER);
        }
        return permits::release;
    }
}
