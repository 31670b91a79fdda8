package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void frenchNumbersAsTypedBecomeE164() {
        assertThat(PhoneNumbers.e164("01 42 68 53 00", "FR")).contains("+33142685300");
        assertThat(PhoneNumbers.e164("06.12.34.56.78", "FR")).contains("+33612345678");
        assertThat(PhoneNumbers.e164("+33 (0)1 42 68 53 00", "FR")).contains("+33142685300");
        assertThat(PhoneNumbers.e164("+44 20 7946 0958", "FR")).as("a British number stays British").contains("+442079460958");
    }

    @Test
    void whatIsNotANumberIsRefused() {
        assertThat(PhoneNumbers.e164("01 42", "FR")).isEmpty();
        assertThat(PhoneNumbers.e164("appeler Marie", "FR")).isEmpty();
    }
}
