package org.ffmas.crm.campaign;

/** Spaces messages to at most {@code perSecond}, without bursts after a pause. */
final class Pace {

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pace(double perSecond) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    void await() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            // parkNanos, not sleep: Thread.sleep(0, n) waits a whole millisecond
            java.util.concurrent.locks.LockSupport.parkNanos(next - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        } else {
            next = now;
        }
        next += intervalNanos;
    }
}
