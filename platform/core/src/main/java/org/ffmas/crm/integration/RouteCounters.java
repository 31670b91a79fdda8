package org.ffmas.crm.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Exchanges completed and failed per route, for the routes list (no JMX needed). */
final class RouteCounters extends EventNotifierSupport {

    /** Counts of one route. */
    record Counts(long completed, long failed) {}

    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();

    RouteCounters() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCompletedEvent done && done.getExchange().getFromRouteId() != null) {
            slot(done.getExchange().getFromRouteId())[done.getExchange().isFailed() ? 1 : 0].incrementAndGet();
        } else if (event instanceof ExchangeFailedEvent failed && failed.getExchange().getFromRouteId() != null) {
            slot(failed.getExchange().getFromRouteId())[1].incrementAndGet();
        }
    }

    private AtomicLong[] slot(String routeId) {
        return counts.computeIfAbsent(routeId, k -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
    }

    Counts of(String routeId) {
        AtomicLong[] c = counts.get(routeId);
        return c == null ? new Counts(0, 0) : new Counts(c[0].get(), c[1].get());
    }

    void forget(String routeId) {
        counts.remove(routeId);
    }
}
