package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void ignoresCaseAccentsAndPunctuation() {
        assertThat(SearchText.normalize("Société Générale")).isEqualTo("societe generale");
        assertThat(SearchText.normalize("L'Œuvre d'Orient — S.A.S.")).isEqualTo("l oeuvre d orient s a s");
        assertThat(SearchText.normalize("marie.dupont@acme.fr")).isEqualTo("marie dupont acme fr");
    }

    @Test
    void theNameKeyLeavesOutLegalFormWords() {
        assertThat(SearchText.nameKey("Société Générale SA")).isEqualTo("generale");
        assertThat(SearchText.nameKey("SARL Dupont & Fils")).isEqualTo("dupont fils");
        assertThat(SearchText.nameKey("DUPONT ET FILS")).isEqualTo("dupont fils");
        assertThat(SearchText.nameKey("SAS")).as("never empty").isEqualTo("sas");
    }
}
