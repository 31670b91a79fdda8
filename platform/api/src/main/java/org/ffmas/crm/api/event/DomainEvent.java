package org.ffmas.crm.api.event;

import java.time.Instant;

/**
 * Something that happened to the federation's data, delivered to listeners after the change is
 * committed. Events carry ids, not copies of the data: a listener that needs the current state
 * reads it through the platform's services.
 */
public interface DomainEvent {

    /** When the change was committed. */
    Instant at();

    /** The staff member who made the change (or who created the API token used); null for the platform itself. */
    Long actorId();
}
