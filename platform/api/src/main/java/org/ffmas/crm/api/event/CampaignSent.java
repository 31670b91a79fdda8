package org.ffmas.crm.api.event;

import java.time.Instant;

/** Every delivery of a campaign has an outcome: {@code sent} accepted by the mail server, {@code failed} refused. */
public record CampaignSent(long campaignId, int sent, int failed, Instant at, Long actorId) implements DomainEvent {}
