package org.ffmas.crm.partner;

import java.util.regex.Pattern;

/**
 * SIREN (9 digits) and SIRET (14 digits) checked as INSEE checks them: the Luhn key, except
 * for La Poste's establishments (SIREN 356 000 000), whose SIRETs have a digit sum that is a
 * multiple of 5 instead.
 */
public final class InseeNumbers {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-\u00a0]");

    static final String LA_POSTE_SIREN = "356000000";

    private InseeNumbers() {}

    /** Removes the spaces, dots and dashes people type inside the numbers. */
    public static String clean(String raw) {
        return raw == null ? null : SEPARATORS.matcher(raw).replaceAll("");
    }

    public static boolean validSiren(String siren) {
        return siren != null && siren.matches("\\d{9}") && luhn(siren);
    }

    public static boolean validSiret(String siret) {
        if (siret == null || !siret.matches("\\d{14}")) {
            return false;
        }
        if (siret.startsWith(LA_POSTE_SIREN)) {
            return luhn(siret) || siret.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return luhn(siret);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
