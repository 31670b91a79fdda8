package org.ffmas.crm.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.partner.SearchText;

/**
 * Which column holds which field, from the header line: French or English names, in any order
 * and case, with or without accents ("Raison sociale", "Code postal", "E-mail"/"Courriel"...).
 */
final class Columns {

    static final String COMPANY_SIREN = "company.siren";
    static final String COMPANY_NAME = "company.name";

    private static final Map<String, String> COMPANY = new HashMap<>();
    private static final Map<String, String> CONTACT = new HashMap<>();

    static {
        names(COMPANY, "legalName", "raison sociale", "denomination", "denomination sociale", "nom de l entreprise", "entreprise",
                "societe", "legal name", "company", "company name", "name", "nom");
        names(COMPANY, "tradeName", "nom commercial", "enseigne", "trade name", "brand");
        names(COMPANY, "siren", "siren", "n siren", "numero siren");
        names(COMPANY, "siret", "siret", "n siret", "numero siret");
        names(COMPANY, "nafCode", "code naf", "naf", "code ape", "ape", "naf code");
        names(COMPANY, "legalForm", "forme juridique", "legal form");
        names(COMPANY, "address.line1", "adresse", "adresse 1", "adresse ligne 1", "address", "address 1", "street");
        names(COMPANY, "address.line2", "complement d adresse", "adresse 2", "adresse ligne 2", "address 2");
        names(COMPANY, "address.postalCode", "code postal", "cp", "postal code", "zip", "zip code", "postcode");
        names(COMPANY, "address.city", "ville", "commune", "city", "town");
        names(COMPANY, "address.country", "pays", "country");
        names(COMPANY, "phone", "telephone", "tel", "phone", "standard");
        names(COMPANY, "website", "site web", "site internet", "site", "website", "web");
        names(COMPANY, "tags", "etiquettes", "tags", "mots cles");
        names(COMPANY, "notes", "notes", "commentaire", "commentaires", "remarques");

        names(CONTACT, "civility", "civilite", "civility", "title");
        names(CONTACT, "firstName", "prenom", "first name", "firstname", "given name");
        names(CONTACT, "lastName", "nom", "nom de famille", "last name", "lastname", "surname", "family name");
        names(CONTACT, "email", "e mail", "email", "courriel", "mail", "adresse e mail", "adresse mail");
        names(CONTACT, "phone", "telephone", "tel", "phone", "mobile", "portable");
        names(CONTACT, "jobTitle", "poste", "intitule de poste", "job title", "position");
        names(CONTACT, "function", "fonction", "function", "service", "role");
        names(CONTACT, "language", "langue", "language");
        names(CONTACT, COMPANY_SIREN, "siren", "siren de l entreprise", "company siren");
        names(CONTACT, COMPANY_NAME, "entreprise", "societe", "raison sociale", "company", "organisation", "organization");
    }

    private static void names(Map<String, String> map, String field, String... headers) {
        for (String h : headers) {
            map.put(h, field);
        }
    }

    private final Map<Integer, String> byIndex = new HashMap<>();

    Columns(String entity, List<String> headers) {
        Map<String, String> known = entity.equals("companies") ? COMPANY : CONTACT;
        for (int i = 0; i < headers.size(); i++) {
            String field = known.get(SearchText.normalize(headers.get(i)));
            if (field != null && !byIndex.containsValue(field)) {
                byIndex.put(i, field);
            }
        }
    }

    Optional<String> field(int column) {
        return Optional.ofNullable(byIndex.get(column));
    }

    boolean has(String field) {
        return byIndex.containsValue(field);
    }

    boolean isEmpty() {
        return byIndex.isEmpty();
    }
}
