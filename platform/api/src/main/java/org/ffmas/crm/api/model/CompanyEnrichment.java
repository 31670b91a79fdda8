package org.ffmas.crm.api.model;

/**
 * What a company registry knows about a company. Null fields are unknown and left as they are;
 * the platform validates the others as if staff had typed them.
 *
 * @param workforceBracket INSEE's code, e.g. {@code 12}
 * @param headOfficeSiret the SIRET of the head office
 */
public record CompanyEnrichment(String legalName, String nafCode, String legalForm, String workforceBracket, String headOfficeSiret,
                                String addressLine1, String postalCode, String city) {}
