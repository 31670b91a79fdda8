package org.ffmas.crm.sync;

import org.apache.camel.builder.RouteBuilder;

/** Runs every started connector every {@code sync.interval.seconds}, a minute after start. */
public final class SyncSchedule extends RouteBuilder {

    private final SyncService sync;
    private final int intervalSeconds;

    public SyncSchedule(SyncService sync, int intervalSeconds) {
        this.sync = sync;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void configure() {
        from("timer:sync-schedule?delay=60000&period=" + intervalSeconds * 1000L).routeId("sync-schedule")
                .process(exchange -> sync.runScheduled());
    }
}
