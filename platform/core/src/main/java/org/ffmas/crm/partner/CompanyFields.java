package org.ffmas.crm.partner;

import static org.ffmas.crm.partner.CompanyField.ADDRESS_LINE1;
import static org.ffmas.crm.partner.CompanyField.ADDRESS_LINE2;
import static org.ffmas.crm.partner.CompanyField.CITY;
import static org.ffmas.crm.partner.CompanyField.COUNTRY;
import static org.ffmas.crm.partner.CompanyField.LEGAL_FORM;
import static org.ffmas.crm.partner.CompanyField.LEGAL_NAME;
import static org.ffmas.crm.partner.CompanyField.NAF_CODE;
import static org.ffmas.crm.partner.CompanyField.NOTES;
import static org.ffmas.crm.partner.CompanyField.OWNER_ID;
import static org.ffmas.crm.partner.CompanyField.PHONE;
import static org.ffmas.crm.partner.CompanyField.POSTAL_CODE;
import static org.ffmas.crm.partner.CompanyField.SECTOR;
import static org.ffmas.crm.partner.CompanyField.SIREN;
import static org.ffmas.crm.partner.CompanyField.SIRET;
import static org.ffmas.crm.partner.CompanyField.SIZE_BRACKET;
import static org.ffmas.crm.partner.CompanyField.STATUS;
import static org.ffmas.crm.partner.CompanyField.TAGS;
import static org.ffmas.crm.partner.CompanyField.TRADE_NAME;
import static org.ffmas.crm.partner.CompanyField.WEBSITE;
import static org.ffmas.crm.partner.CompanyField.WORKFORCE_BRACKET;

import java.util.List;
import java.util.Set;
import org.ffmas.crm.common.BodyReader;
import org.ffmas.crm.common.Patch;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;

/**
 * A company's editable fields as a create or a change sends them (see {@link CompanyField}):
 * each absent or sent. {@code address: null} clears the five fields of the address.
 */
public record CompanyFields(Patch<String> legalName, Patch<String> tradeName, Patch<String> siren, Patch<String> siret,
                            Patch<String> nafCode, Patch<String> legalForm, Patch<Sector> sector, Patch<SizeBracket> sizeBracket,
                            Patch<String> workforceBracket, Patch<String> line1, Patch<String> line2, Patch<String> postalCode,
                            Patch<String> city, Patch<String> country, Patch<String> website, Patch<String> phone,
                            Patch<Status> status, Patch<Long> ownerId, Patch<List<String>> tags, Patch<String> notes) {

    /** The top-level JSON names a create or a change may send. */
    static final Set<String> NAMES = CompanyField.editableNames();
    /** The top-level JSON names the API shows but refuses in a create or a change. */
    static final Set<String> READ_ONLY = CompanyField.readOnlyNames();
    private static final Set<String> ADDRESS_NAMES = CompanyField.addressNames();
    private static final String ADDRESS = "address";

    /** Nothing sent. */
    static final CompanyFields NONE = new CompanyFields(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent());

    /** Reads a create's or a change's body into these fields. */
    static final BodyReader<CompanyFields> BODY = new BodyReader<>(NAMES, READ_ONLY, NONE, CompanyFields::read);

    /** Reads the fields of {@code f} in {@link CompanyField}'s order; a field of the wrong type is sent as null, its error in {@code v}. */
    static CompanyFields read(JsonFields f, Validation v) {
        Patch<String> legalName = text(f, LEGAL_NAME);
        Patch<String> tradeName = text(f, TRADE_NAME);
        Patch<String> siren = text(f, SIREN);
        Patch<String> siret = text(f, SIRET);
        Patch<String> nafCode = text(f, NAF_CODE);
        Patch<String> legalForm = text(f, LEGAL_FORM);
        Patch<Sector> sector = choice(f, v, SECTOR, Sector.class);
        Patch<SizeBracket> sizeBracket = choice(f, v, SIZE_BRACKET, SizeBracket.class);
        Patch<String> workforceBracket = text(f, WORKFORCE_BRACKET);
        List<Patch<String>> address = address(f);
        Patch<String> website = text(f, WEBSITE);
        Patch<String> phone = text(f, PHONE);
        Patch<Status> status = choice(f, v, STATUS, Status.class);
        Patch<Long> ownerId = f.has(OWNER_ID.jsonName()) ? Patch.of(f.number(OWNER_ID.jsonName())) : Patch.absent();
        Patch<List<String>> tags = f.has(TAGS.jsonName()) ? Patch.of(f.texts(TAGS.jsonName())) : Patch.absent();
        Patch<String> notes = text(f, NOTES);
        return new CompanyFields(legalName, tradeName, siren, siret, nafCode, legalForm, sector, sizeBracket, workforceBracket,
                address.get(0), address.get(1), address.get(2), address.get(3), address.get(4), website, phone, status, ownerId,
                tags, notes);
    }

    private static Patch<String> text(JsonFields f, CompanyField field) {
        return f.has(field.jsonName()) ? Patch.of(f.text(field.jsonName())) : Patch.absent();
    }

    private static <E extends Enum<E>> Patch<E> choice(JsonFields f, Validation v, CompanyField field, Class<E> type) {
        return f.has(field.jsonName()) ? Patch.of(Enums.parse(v, field.apiName(), f.text(field.jsonName()), type)) : Patch.absent();
    }

    /** The address's line1, line2, postalCode, city and country; all five sent (as null) when the address is. */
    private static List<Patch<String>> address(JsonFields f) {
        if (!f.has(ADDRESS)) {
            return List.of(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent());
        }
        JsonFields a = f.object(ADDRESS, ADDRESS_NAMES);
        boolean cleared = f.isNull(ADDRESS);
        return List.of(ADDRESS_LINE1, ADDRESS_LINE2, POSTAL_CODE, CITY, COUNTRY).stream()
                .map(field -> cleared || a.has(field.jsonName()) ? Patch.of(a.text(field.jsonName())) : Patch.<String>absent())
                .toList();
    }
}
