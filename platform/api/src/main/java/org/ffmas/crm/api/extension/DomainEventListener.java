package org.ffmas.crm.api.extension;

import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.event.DomainEvent;
import org.pf4j.ExtensionPoint;

/**
 * Reacts to the platform's domain events. Called after the change is committed, off the
 * request thread, one event at a time per listener, with a time limit: a listener that throws
 * or takes too long is logged and skipped, never holding up the platform. Hand long work to a
 * Camel route.
 */
public interface DomainEventListener extends ExtensionPoint {

    void onEvent(DomainEvent event, PluginContext context);
}
