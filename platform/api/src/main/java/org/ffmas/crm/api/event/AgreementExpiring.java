package org.ffmas.crm.api.event;

import java.time.Instant;
import java.time.LocalDate;

/** An agreement ends in {@code daysLeft} days: time to renew it. Published once per lead time (90, 30 days...). */
public record AgreementExpiring(long agreementId, long companyId, LocalDate endDate, int daysLeft, Instant at, Long actorId)
        implements DomainEvent {}
