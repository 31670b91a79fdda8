package org.ffmas.crm.partner;

import java.time.Instant;
import java.util.List;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;

/**
 * A company of the federation's file, as the API shows it. {@code department} and
 * {@code region} (INSEE codes) are derived from a French postal code.
 *
 * @param workforceBracket INSEE's workforce bracket code ("tranche d'effectif salarié"), e.g. {@code 12} for 20 to 49
 */
public record Company(long id, String legalName, String tradeName, String siren, String siret, String nafCode, String legalForm,
                      Sector sector, SizeBracket sizeBracket, String workforceBracket, Address address, String department,
                      String region, String website, String phone, Status status, Long ownerId, List<String> tags, String notes,
                      long version, Instant createdAt, Instant updatedAt) {

    /** A postal address; {@code country} is ISO 3166-1 alpha-2. */
    public record Address(String line1, String line2, String postalCode, String city, String country) {}
}
