package org.ffmas.crm.api;

import java.util.List;
import java.util.Optional;
import org.ffmas.crm.api.model.AgreementData;

/** The federation's agreements, read by plugins (changes go through staff and the API). */
public interface Agreements {

    /** An agreement by id. */
    Optional<AgreementData> find(long id);

    /** Every agreement of a company, soonest ending first. */
    List<AgreementData> ofCompany(long companyId);
}
