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
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } else {
            next = now;
        }
        next += intervalNanos;
    }
}
