package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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

    @Test
    void theQuickPathForLatinTextGivesWhatTheUnicodeRulesGive() {
        Random random = new Random(20261202);
        String alphabet = "aeiouy éèêëàâäîïôöùûüçÿœæßÉÈÊÀÂÎÔÛÇŒÆ'’-–—.,;:!?&/()«»\"@0123456789\t\n\u00a0\u0301\u0327²ºª";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                // mostly what French names hold, sometimes any character of the table's range or beyond it
                int pick = random.nextInt(10);
                text.append(pick < 7 ? alphabet.charAt(random.nextInt(alphabet.length())) : pick < 9 ? (char) random.nextInt(0x250)
                        : (char) (0x250 + random.nextInt(0x2000)));
            }
            String t = text.toString();
            assertThat(SearchText.normalize(t)).as("%s", t.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(SearchText.unicode(t));
        }
        assertThat(SearchText.normalize("ΣΟΦΙΑ Ωμέγα")).as("other scripts keep Unicode's rules").isEqualTo("σοφια ωμεγα");
        assertThat(SearchText.normalize("  Île-de-France  ")).isEqualTo("ile de france");
    }
}
