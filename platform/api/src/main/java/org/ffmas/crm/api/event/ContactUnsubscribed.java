package org.ffmas.crm.api.event;

import java.time.Instant;

/** A contact asked to receive no more campaigns (from a link, a mail client's button or a mail); {@code campaignId} is the one it came from, if known. */
public record ContactUnsubscribed(long contactId, long companyId, Long campaignId, Instant at, Long actorId) implements DomainEvent {}
