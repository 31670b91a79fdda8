package org.ffmas.crm.agreement;

import org.ffmas.crm.agreement.Agreement.Instalment;

/** An unpaid instalment past its due date, with its agreement. */
public record OverdueInstalment(long agreementId, long companyId, String title, Instalment instalment) {}
