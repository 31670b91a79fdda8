package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InseeNumbersTest {

    @Test
    void sirenIsNineDigitsWithALuhnKey() {
        assertThat(InseeNumbers.validSiren("443061841")).isTrue();
        assertThat(InseeNumbers.validSiren("443061842")).as("wrong check digit").isFalse();
        assertThat(InseeNumbers.validSiren("44306184")).as("eight digits").isFalse();
        assertThat(InseeNumbers.validSiren("44306184A")).isFalse();
    }

    @Test
    void siretIsFourteenDigitsWithALuhnKey() {
        assertThat(InseeNumbers.validSiret("44306184100047")).isTrue();
        assertThat(InseeNumbers.validSiret("44306184100048")).isFalse();
        assertThat(InseeNumbers.validSiret("4430618410004")).isFalse();
    }

    @Test
    void laPosteEstablishmentsFollowTheSumOfDigitsRule() {
        assertThat(InseeNumbers.validSiren("356000000")).isTrue();
        assertThat(InseeNumbers.validSiret("35600000000048")).as("head office, Luhn").isTrue();
        assertThat(InseeNumbers.validSiret("35600000049837")).as("establishment: digit sum multiple of 5, not Luhn").isTrue();
        assertThat(InseeNumbers.validSiret("35600000012345")).as("neither rule").isFalse();
        assertThat(InseeNumbers.validSiret("54206547900049")).as("the exception is La Poste's alone").isFalse();
    }

    @Test
    void cleaningRemovesTheSeparatorsPeopleType() {
        assertThat(InseeNumbers.clean("443 061 841")).isEqualTo("443061841");
        assertThat(InseeNumbers.clean("443.061.841-00047")).isEqualTo("44306184100047");
    }
}
