package org.ffmas.crm.api.event;

import java.time.Instant;

/** A contact was added to a company. */
public record ContactCreated(long contactId, long companyId, Instant at, Long actorId) implements DomainEvent {}
