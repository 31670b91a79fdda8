package org.ffmas.crm.plugins.sirene;

/** At most N calls per second: each call waits for its slot, a fixed interval after the previous one. */
final class RateLimiter {

    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(int perSecond) {
        this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
    }

    /** Waits until this call may go. */
    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
