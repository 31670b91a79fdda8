package org.ffmas.crm.partner;

import java.util.List;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;

/**
 * Filters of the company list; empty lists and nulls mean "any". Archived companies are left
 * out unless {@code statuses} asks for them.
 *
 * @param sort one of {@link #SORTS}, {@code -} in front for descending
 */
public record CompanyQuery(String q, List<Status> statuses, List<String> tags, List<Sector> sectors, List<SizeBracket> sizeBrackets,
                           List<String> departments, List<String> regions, Long ownerId, Boolean hasActiveAgreement, String sort) {

    public static final List<String> SORTS = List.of("name", "createdAt", "updatedAt", "city", "status", "postalCode");

    public static CompanyQuery all() {
        return new CompanyQuery(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, "name");
    }
}
