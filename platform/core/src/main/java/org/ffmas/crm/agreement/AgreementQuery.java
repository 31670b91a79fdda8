package org.ffmas.crm.agreement;

import java.time.LocalDate;
import java.util.List;
import org.ffmas.crm.agreement.Agreement.Kind;
import org.ffmas.crm.agreement.Lifecycle.Status;

/** Filters of the agreement list; null and empty mean "any". */
public record AgreementQuery(List<Status> statuses, List<Kind> kinds, List<String> tiers, Long companyId, LocalDate endsBefore,
                             LocalDate endsAfter) {

    /** Every agreement of one company. */
    public static AgreementQuery ofCompany(long companyId) {
        return new AgreementQuery(List.of(), List.of(), List.of(), companyId, null, null);
    }
}
