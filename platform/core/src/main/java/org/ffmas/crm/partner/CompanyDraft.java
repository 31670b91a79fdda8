package org.ffmas.crm.partner;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;

/**
 * A company's editable fields while they are being created or changed: the fields sent are
 * applied over the current values (or the defaults), then the whole is checked and normalised.
 */
final class CompanyDraft {

    private static final Pattern HAS_SCHEME = Pattern.compile("(?i)^https?://");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** INSEE's "tranches d'effectif salarié". */
    private static final Set<String> WORKFORCE_BRACKETS = Set.of("NN", "00", "01", "02", "03", "11", "12", "21", "22", "31",
            "32", "41", "42", "51", "52", "53");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final int MAX_TAGS = 30;

    String legalName;
    String tradeName;
    String siren;
    String siret;
    String nafCode;
    String legalForm;
    Sector sector;
    SizeBracket sizeBracket;
    String workforceBracket;
    String line1;
    String line2;
    String postalCode;
    String city;
    String country = "FR";
    String website;
    String phone;
    Status status = Status.PROSPECT;
    Long ownerId;
    List<String> tags = List.of();
    String notes;

    static CompanyDraft of(Company c) {
        CompanyDraft d = new CompanyDraft();
        d.legalName = c.legalName();
        d.tradeName = c.tradeName();
        d.siren = c.siren();
        d.siret = c.siret();
        d.nafCode = c.nafCode();
        d.legalForm = c.legalForm();
        d.sector = c.sector();
        d.sizeBracket = c.sizeBracket();
        d.workforceBracket = c.workforceBracket();
        d.line1 = c.address().line1();
        d.line2 = c.address().line2();
        d.postalCode = c.address().postalCode();
        d.city = c.address().city();
        d.country = c.address().country();
        d.website = c.website();
        d.phone = c.phone();
        d.status = c.status();
        d.ownerId = c.ownerId();
        d.tags = c.tags();
        d.notes = c.notes();
        return d;
    }

    /** Sets every field {@code c} sends. */
    void apply(CompanyFields c) {
        legalName = c.legalName().over(legalName);
        tradeName = c.tradeName().over(tradeName);
        siren = c.siren().over(siren);
        siret = c.siret().over(siret);
        nafCode = c.nafCode().over(nafCode);
        legalForm = c.legalForm().over(legalForm);
        sector = c.sector().over(sector);
        sizeBracket = c.sizeBracket().over(sizeBracket);
        workforceBracket = c.workforceBracket().over(workforceBracket);
        line1 = c.line1().over(line1);
        line2 = c.line2().over(line2);
        postalCode = c.postalCode().over(postalCode);
        city = c.city().over(city);
        country = c.country().over(country);
        website = c.website().over(website);
        phone = c.phone().over(phone);
        status = c.status().over(status);
        ownerId = c.ownerId().over(ownerId);
        tags = c.tags().over(tags);
        notes = c.notes().over(notes);
    }

    /** Checks and normalises every field; problems go to {@code v}. */
    void validate(Validation v) {
        legalName = v.text("legalName", legalName, 200);
        tradeName = v.optionalText("tradeName", tradeName, 200);
        legalForm = v.optionalText("legalForm", legalForm, 100);
        notes = v.multilineText("notes", notes, 10_000);
        siren = blankToNull(InseeNumbers.clean(siren));
        siret = blankToNull(InseeNumbers.clean(siret));
        if (siren != null && !InseeNumbers.validSiren(siren)) {
            v.error("siren", "is not a valid SIREN: 9 digits whose check digit is right");
        }
        if (siret != null && !InseeNumbers.validSiret(siret)) {
            v.error("siret", "is not a valid SIRET: 14 digits whose check digit is right");
        }
        if (siren != null && siret != null && !v.has("siren") && !v.has("siret") && !siret.startsWith(siren)) {
            v.error("siret", "does not belong to SIREN " + siren + ": its first nine digits must be the SIREN");
        }
        if (siren == null && siret != null && !v.has("siret")) {
            siren = siret.substring(0, 9);
        }
        nafCode = blankToNull(nafCode);
        if (nafCode != null) {
            String n = nafCode.strip().toUpperCase(Locale.ROOT).replace(" ", "");
            if (n.matches("\\d{4}[A-Z]")) {
                n = n.substring(0, 2) + "." + n.substring(2);
            }
            if (!n.matches("\\d{2}\\.\\d{2}[A-Z]")) {
                v.error("nafCode", "is not a NAF/APE code such as 82.11Z");
            }
            nafCode = n;
        }
        workforceBracket = blankToNull(workforceBracket);
        if (workforceBracket != null && !WORKFORCE_BRACKETS.contains(workforceBracket)) {
            v.error("workforceBracket", "must be one of INSEE's workforce bracket codes (NN, 00, 01, 02, 03, 11, 12, 21, 22, 31, 32, 41, 42, 51, 52, 53)");
        }
        line1 = v.optionalText("address.line1", line1, 200);
        line2 = v.optionalText("address.line2", line2, 200);
        city = v.optionalText("address.city", city, 100);
        country = country == null || country.isBlank() ? "FR" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            v.error("address.country", "must be an ISO 3166-1 alpha-2 country code such as FR");
        }
        postalCode = v.optionalText("address.postalCode", postalCode, 10);
        if (postalCode != null && country.equals("FR")) {
            postalCode = postalCode.replace(" ", "");
            if (!FrenchGeography.validPostalCode(postalCode)) {
                v.error("address.postalCode", "is not a French postal code (5 digits of an existing department)");
            }
        }
        website = v.optionalText("website", website, 255);
        if (website != null) {
            website = website(v, website);
        }
        phone = blankToNull(phone);
        if (phone != null) {
            String typed = phone;
            phone = PhoneNumbers.e164(typed, country).orElse(null);
            if (phone == null) {
                v.error("phone", "is not a valid phone number");
            }
        }
        tags = tags(v, tags);
    }

    private static String website(Validation v, String text) {
        String withScheme = HAS_SCHEME.matcher(text).find() ? text : "https://" + text;
        try {
            URI uri = new URI(withScheme);
            if (uri.getHost() == null || !uri.getHost().contains(".")) {
                throw new URISyntaxException(text, "no host");
            }
            return withScheme;
        } catch (URISyntaxException e) {
            v.error("website", "is not a web address such as https://www.example.fr");
            return null;
        }
    }

    private static List<String> tags(Validation v, List<String> raw) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String t : raw) {
            String tag = t == null ? "" : WHITESPACE.matcher(t.strip()).replaceAll(" ");
            if (tag.isEmpty() || tag.length() > 50) {
                v.error("tags", "each tag must have 1 to 50 characters");
                continue;
            }
            byKey.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        if (byKey.size() > MAX_TAGS) {
            v.error("tags", "at most " + MAX_TAGS + " tags");
        }
        return new ArrayList<>(byKey.values());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Whether both drafts would store the same company. */
    boolean sameAs(CompanyDraft o) {
        return Objects.equals(legalName, o.legalName) && Objects.equals(tradeName, o.tradeName)
                && Objects.equals(siren, o.siren) && Objects.equals(siret, o.siret)
                && Objects.equals(nafCode, o.nafCode) && Objects.equals(legalForm, o.legalForm)
                && sector == o.sector && sizeBracket == o.sizeBracket && Objects.equals(workforceBracket, o.workforceBracket)
                && Objects.equals(line1, o.line1) && Objects.equals(line2, o.line2)
                && Objects.equals(postalCode, o.postalCode) && Objects.equals(city, o.city)
                && Objects.equals(country, o.country) && Objects.equals(website, o.website)
                && Objects.equals(phone, o.phone) && status == o.status && Objects.equals(ownerId, o.ownerId)
                && Objects.equals(tags, o.tags) && Objects.equals(notes, o.notes);
    }

    Company.Address address() {
        return new Company.Address(line1, line2, postalCode, city, country);
    }

    /** The company this draft is once stored new, at version 1, without reading it back. */
    Company asStored(long id, Instant at) {
        FrenchGeography.Place place = place();
        return new Company(id, legalName, tradeName, siren, siret, nafCode, legalForm, sector, sizeBracket, workforceBracket, address(),
                place == null ? null : place.department(), place == null ? null : place.region(), website, phone, status, ownerId,
                new LinkedHashSet<>(tags).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), notes, 1L, at, at);
    }

    FrenchGeography.Place place() {
        return "FR".equals(country) ? FrenchGeography.place(postalCode).orElse(null) : null;
    }
}
