package org.ffmas.crm.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.ffmas.crm.api.model.CompanyEnrichment;
import org.ffmas.crm.api.model.ContactBatch.ExternalContact;
import org.ffmas.crm.api.model.SyncBatch.ExternalCompany;

/** Recognises a record that did not change there since it was last seen (or our own push coming back). */
final class Fingerprints {

    private Fingerprints() {}

    static String of(ExternalCompany e) {
        CompanyEnrichment f = e.fields();
        return sha256(String.join("\u0001", nz(e.siren()), nz(f.legalName()), nz(f.nafCode()), nz(f.legalForm()),
                nz(f.workforceBracket()), nz(f.headOfficeSiret()), nz(f.addressLine1()), nz(f.postalCode()), nz(f.city())));
    }

    static String of(ExternalContact e) {
        return sha256(String.join("\u0001", nz(e.companyExternalId()), nz(e.firstName()), nz(e.lastName()), nz(e.email()), nz(e.phone()),
                e.active() ? "" : "inactive"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
