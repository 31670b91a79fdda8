package org.ffmas.crm.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.api.model.CompanyData;
import org.ffmas.crm.api.model.ContactData;

/**
 * The federation's companies and contacts, for plugins. Changes are validated like the API's
 * and refused with an {@link IllegalArgumentException} saying which fields are wrong.
 */
public interface Companies {

    /** A company by id; empty if there is none (or it was merged away). */
    Optional<CompanyData> find(long id);

    /** A live company by SIREN. */
    Optional<CompanyData> findBySiren(String siren);

    /** Companies matching a text as the staff search does, best first, at most {@code limit}. */
    List<CompanyData> search(String text, int limit);

    /** The company's active contacts. */
    List<ContactData> contacts(long companyId);

    /**
     * Changes fields of a company, named as in the REST API ({@code legalName}, {@code nafCode},
     * {@code address} as a map...), if {@code version} is still the current one.
     */
    CompanyData update(long id, long version, Map<String, Object> fields);
}
