package org.ffmas.crm.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.ffmas.crm.api.event.DomainEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers domain events to listeners, in the publishing thread, after the change is committed
 * (services publish once their transaction has returned). A failing listener is logged and
 * never affects the others nor the change that was made.
 */
public final class EventBus {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private final List<Consumer<DomainEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Holds an event back while a transaction is open on the publishing thread. */
    private volatile Consumer<Runnable> afterCommit = Runnable::run;

    /** Delivers events only once the publishing thread's transaction has committed (see Database.afterCommit). */
    public void deferUntilCommit(Consumer<Runnable> afterCommitHook) {
        this.afterCommit = afterCommitHook;
    }

    public void subscribe(Consumer<DomainEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<DomainEvent> listener) {
        listeners.remove(listener);
    }

    public void publish(DomainEvent event) {
        afterCommit.accept(() -> deliver(event));
    }

    private void deliver(DomainEvent event) {
        for (Consumer<DomainEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.error("event listener {} failed on {}", l.getClass().getName(), event.getClass().getSimpleName(), e);
            }
        }
    }
}
