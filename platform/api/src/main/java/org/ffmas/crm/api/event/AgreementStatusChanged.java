package org.ffmas.crm.api.event;

import java.time.Instant;

/**
 * An agreement moved in its life: {@code to} is SENT, SIGNED, ACTIVE, EXPIRED, RENEWED,
 * TERMINATED or CANCELLED (SIGNED, ACTIVE and EXPIRED being "signed", "activated", "expired").
 */
public record AgreementStatusChanged(long agreementId, long companyId, String from, String to, Instant at, Long actorId)
        implements DomainEvent {}
