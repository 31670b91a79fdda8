package org.ffmas.crm.api.event;

import java.time.Instant;
import java.util.Set;

/** Fields of a company changed; {@code changedFields} names them as the API does (e.g. {@code address}). */
public record CompanyUpdated(long companyId, Set<String> changedFields, Instant at, Long actorId) implements DomainEvent {}
