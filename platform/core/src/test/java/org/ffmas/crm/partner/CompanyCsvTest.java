package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompanyCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAreNeutralised() {
        assertThat(CompanyCsv.safe("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(CompanyCsv.safe("+33142685300")).isEqualTo("'+33142685300");
        assertThat(CompanyCsv.safe("-1")).isEqualTo("'-1");
        assertThat(CompanyCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CompanyCsv.safe("Société Générale")).isEqualTo("Société Générale");
        assertThat(CompanyCsv.safe("")).isEmpty();
    }
}
