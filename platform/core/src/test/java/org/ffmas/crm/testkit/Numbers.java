package org.ffmas.crm.testkit;

import org.ffmas.crm.partner.InseeNumbers;

/** Valid SIREN and SIRET numbers for tests, the n-th of a series. */
public final class Numbers {

    private Numbers() {
    }

    /** The n-th valid SIREN (Luhn) of a series starting at 30000000x. */
    public static String siren(int n) {
        String base = String.format("%08d", 30_000_000 + n);
        for (int d = 0; d < 10; d++) {
            if (InseeNumbers.validSiren(base + d)) {
                return base + d;
            }
        }
        throw new IllegalStateException("no check digit for " + base);
    }

    /** A valid SIRET of this SIREN (an establishment number chosen for its check digit). */
    public static String siret(String siren) {
        for (int nic = 10; nic < 100_000; nic++) {
            String s = siren + String.format("%05d", nic);
            if (InseeNumbers.validSiret(s)) {
                return s;
            }
        }
        throw new IllegalStateException("no SIRET for " + siren);
    }
}
