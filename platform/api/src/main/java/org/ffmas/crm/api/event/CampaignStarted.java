package org.ffmas.crm.api.event;

import java.time.Instant;

/** A campaign began sending: its recipients are frozen ({@code recipients} deliveries queued). */
public record CampaignStarted(long campaignId, int recipients, Instant at, Long actorId) implements DomainEvent {}
