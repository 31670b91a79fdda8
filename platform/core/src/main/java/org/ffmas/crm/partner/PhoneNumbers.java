package org.ffmas.crm.partner;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers as typed, normalised to E.164 with Google's libphonenumber. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /** {@code "01 42 68 53 00"} in FR → {@code "+33142685300"}; empty when it is not a valid number. */
    public static Optional<String> e164(String typed, String defaultCountry) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber n = UTIL.parse(typed, defaultCountry == null ? "FR" : defaultCountry);
            return UTIL.isValidNumber(n) ? Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
