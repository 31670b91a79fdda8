package org.ffmas.crm.campaign;

import java.util.concurrent.locks.LockSupport;

/** Spaces messages to at most {@code perSecond}, for every sender thread together, without bursts after a pause. */
final class Pace {

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pace(double perSecond) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    void await() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (next < now) {
                next = now;
            }
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) {
            // parkNanos, not sleep: Thread.sleep(0, n) waits a whole millisecond
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
