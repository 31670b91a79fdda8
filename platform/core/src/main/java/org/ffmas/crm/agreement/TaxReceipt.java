package org.ffmas.crm.agreement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A tax receipt (reçu fiscal) issued for a paid mécénat agreement.
 *
 * @param number its number, {@code 2026-0001}: per year, no gap, no reuse
 * @param amountCents the gift's amount
 * @param paidOn the day the gift was paid in full
 */
public record TaxReceipt(long agreementId, String number, long amountCents, LocalDate paidOn, Instant issuedAt) {}
