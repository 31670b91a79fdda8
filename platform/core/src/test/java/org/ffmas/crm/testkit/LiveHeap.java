package org.ffmas.crm.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The live heap (what a full collection leaves) sampled while something runs, for benchmarks
 * that must show memory staying flat with the size of the work. Each sample forces a collection,
 * so benchmarks take few of them.
 */
public final class LiveHeap {

    private static final long PERIOD_NANOS = 2_000_000_000L;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private long max;
    private long next;

    /** Starts from the live heap before the work. */
    public LiveHeap() {
        baseline = live();
        next = System.nanoTime() + PERIOD_NANOS / 4;
    }

    /** Call often while the work runs: samples at most every two seconds. */
    public void sample() {
        if (System.nanoTime() >= next) {
            max = Math.max(max, live() - baseline);
            next = System.nanoTime() + PERIOD_NANOS;
        }
    }

    /** The largest live heap seen above the starting one, in MB. */
    public long maxAboveBaselineMb() {
        return Math.max(0, max) / (1024 * 1024);
    }

    private long live() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
