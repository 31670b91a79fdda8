package org.ffmas.crm.partner;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields of a company, defined once, in the order the API and the CSV export show them:
 * the name the API gives each ({@code address.postalCode} for one inside the address), its
 * header in the CSV export (none for the fields the export leaves out), whether staff can
 * change it, and how to read it from a {@link Company}.
 */
public enum CompanyField {
    ID("id", "Id", false, Company::id),
    LEGAL_NAME("legalName", "Raison sociale", true, Company::legalName),
    TRADE_NAME("tradeName", "Nom commercial", true, Company::tradeName),
    SIREN("siren", "SIREN", true, Company::siren),
    SIRET("siret", "SIRET", true, Company::siret),
    NAF_CODE("nafCode", "Code NAF", true, Company::nafCode),
    LEGAL_FORM("legalForm", "Forme juridique", true, Company::legalForm),
    SECTOR("sector", "Secteur", true, Company::sector),
    SIZE_BRACKET("sizeBracket", "Taille", true, Company::sizeBracket),
    WORKFORCE_BRACKET("workforceBracket", "Tranche d'effectif", true, Company::workforceBracket),
    ADDRESS_LINE1("address.line1", "Adresse", true, c -> c.address().line1()),
    ADDRESS_LINE2("address.line2", "Complément d'adresse", true, c -> c.address().line2()),
    POSTAL_CODE("address.postalCode", "Code postal", true, c -> c.address().postalCode()),
    CITY("address.city", "Ville", true, c -> c.address().city()),
    COUNTRY("address.country", "Pays", true, c -> c.address().country()),
    DEPARTMENT("department", "Département", false, Company::department),
    REGION("region", "Région", false, Company::region),
    WEBSITE("website", "Site web", true, Company::website),
    PHONE("phone", "Téléphone", true, Company::phone),
    STATUS("status", "Statut", true, Company::status),
    OWNER_ID("ownerId", null, true, Company::ownerId),
    TAGS("tags", "Étiquettes", true, Company::tags),
    NOTES("notes", null, true, Company::notes),
    CREATED_AT("createdAt", "Créée le", false, Company::createdAt),
    UPDATED_AT("updatedAt", "Modifiée le", false, Company::updatedAt);

    private static final String ADDRESS = "address.";

    private final String apiName;
    private final String csvHeader;
    private final boolean editable;
    private final Function<Company, Object> reader;

    CompanyField(String apiName, String csvHeader, boolean editable, Function<Company, Object> reader) {
        this.apiName = apiName;
        this.csvHeader = csvHeader;
        this.editable = editable;
        this.reader = reader;
    }

    /** As the API and its field errors name it: {@code legalName}, {@code address.postalCode}. */
    public String apiName() {
        return apiName;
    }

    /** Its column header in the CSV export; null when the export leaves it out. */
    public String csvHeader() {
        return csvHeader;
    }

    /** Whether a create or a change may set it (the others are read-only). */
    public boolean editable() {
        return editable;
    }

    /** Its value in {@code c}: a text, an enum constant, a number, a list of texts or an instant. */
    public Object read(Company c) {
        return reader.apply(c);
    }

    /** Whether it lies inside the {@code address} object. */
    boolean inAddress() {
        return apiName.startsWith(ADDRESS);
    }

    /** Its name inside the JSON object that holds it: {@code postalCode} for {@code address.postalCode}. */
    String jsonName() {
        return inAddress() ? apiName.substring(ADDRESS.length()) : apiName;
    }

    /** The fields the CSV export writes, in its column order. */
    public static List<CompanyField> exported() {
        return Arrays.stream(values()).filter(f -> f.csvHeader != null).toList();
    }

    /** The top-level JSON names a create or a change may send ({@code address} for the address's fields). */
    static Set<String> editableNames() {
        return Arrays.stream(values()).filter(f -> f.editable).map(f -> f.inAddress() ? "address" : f.apiName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The top-level JSON names the API shows but refuses in a create or a change. */
    static Set<String> readOnlyNames() {
        return Arrays.stream(values()).filter(f -> !f.editable).map(f -> f.apiName).collect(Collectors.toUnmodifiableSet());
    }

    /** The JSON names inside the {@code address} object. */
    static Set<String> addressNames() {
        return Arrays.stream(values()).filter(CompanyField::inAddress).map(CompanyField::jsonName).collect(Collectors.toUnmodifiableSet());
    }
}
