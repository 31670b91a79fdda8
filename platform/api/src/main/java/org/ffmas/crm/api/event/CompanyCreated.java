package org.ffmas.crm.api.event;

import java.time.Instant;

/** A company was added to the file. */
public record CompanyCreated(long companyId, Instant at, Long actorId) implements DomainEvent {}
