package org.ffmas.crm.api.event;

import java.time.Instant;

/**
 * A duplicate was merged: everything of {@code sourceId} now belongs to {@code targetId}, and
 * {@code sourceId} no longer exists on its own. A plugin keeping external ids should move the
 * source's to the target.
 */
public record CompanyMerged(long targetId, long sourceId, Instant at, Long actorId) implements DomainEvent {}
