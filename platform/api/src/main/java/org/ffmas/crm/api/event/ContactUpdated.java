package org.ffmas.crm.api.event;

import java.time.Instant;
import java.util.Set;

/** Fields of a contact changed, or it was archived ({@code changedFields} then contains {@code archived}). */
public record ContactUpdated(long contactId, long companyId, Set<String> changedFields, Instant at, Long actorId)
        implements DomainEvent {}
