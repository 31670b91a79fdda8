package org.ffmas.crm.api.event;

import java.time.Instant;

/** A company was archived: it stays in the file, out of everyday lists. */
public record CompanyArchived(long companyId, Instant at, Long actorId) implements DomainEvent {}
