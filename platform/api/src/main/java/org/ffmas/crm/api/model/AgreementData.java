package org.ffmas.crm.api.model;

import java.time.LocalDate;

/**
 * A sponsorship or partnership agreement, as plugins see it.
 *
 * @param kind MECENAT_FINANCIER, MECENAT_NATURE, MECENAT_COMPETENCES or PARTENARIAT
 * @param status DRAFT, SENT, SIGNED, ACTIVE, EXPIRED, RENEWED, TERMINATED or CANCELLED
 * @param amountCents the amount in cents of {@code currency}
 */
public record AgreementData(long id, long companyId, String kind, String tier, String title, long amountCents, String currency,
                            LocalDate startDate, LocalDate endDate, String status, LocalDate signedOn, long version) {}
