package org.ffmas.crm.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A company of the federation's file, as plugins see it. Enumerated fields are given by name
 * ({@code status} is one of PROSPECT, IN_DISCUSSION, PARTNER, FORMER_PARTNER, ARCHIVED).
 *
 * @param id the platform's id
 * @param siren 9 digits, or null
 * @param siret 14 digits, or null
 * @param postalCode with {@code city} and {@code country} (ISO 3166-1 alpha-2)
 * @param phone E.164, or null
 * @param version to send back when changing the company; a stale one is refused
 */
public record CompanyData(long id, String legalName, String tradeName, String siren, String siret, String nafCode, String legalForm,
                          String addressLine1, String postalCode, String city, String country, String website, String phone,
                          String status, List<String> tags, long version, Instant updatedAt) {}
