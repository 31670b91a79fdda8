package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.ffmas.crm.common.ExcelCsv;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.junit.jupiter.api.Test;

class CompanyCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAreNeutralised() {
        assertThat(ExcelCsv.safe("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(ExcelCsv.safe("+33142685300")).isEqualTo("'+33142685300");
        assertThat(ExcelCsv.safe("-1")).isEqualTo("'-1");
        assertThat(ExcelCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ExcelCsv.safe("Société Générale")).isEqualTo("Société Générale");
        assertThat(ExcelCsv.safe("")).isEmpty();
        assertThat(ExcelCsv.safe("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(ExcelCsv.safe("\r=1+1")).isEqualTo("'\r=1+1");
        // a file exported, fixed and imported again keeps its values
        assertThat(ExcelCsv.unsafe(ExcelCsv.safe("+33142685300"))).isEqualTo("+33142685300");
        assertThat(ExcelCsv.unsafe("'Quote")).isEqualTo("'Quote");
    }

    @Test
    void theExportHasItsFrenchHeadersAndOneCellPerColumnInTheirOrder() throws Exception {
        Instant created = Instant.parse("2026-03-01T09:30:00Z");
        Company c = new Company(7, "Acme SA", "=Acme", "552120222", "55212022200013", "82.11Z", "SA", Sector.PRIVATE, SizeBracket.PME,
                "12", new Company.Address("1 rue de la Paix", null, "75002", "Paris", "FR"), "75", "11", "https://acme.fr",
                "+33142685300", Status.PARTNER, 3L, List.of("mécène", "salon"), "notes", 4, created, created.plusSeconds(3600));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CompanyCsv csv = new CompanyCsv(out)) {
            csv.write(c);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFId;Raison sociale;Nom commercial;SIREN;SIRET;Code NAF;Forme juridique;Secteur;Taille;"
                + "Tranche d'effectif;Adresse;Complément d'adresse;Code postal;Ville;Pays;Département;Région;Site web;Téléphone;Statut;"
                + "Étiquettes;Créée le;Modifiée le");
        assertThat(lines[1]).isEqualTo("7;Acme SA;'=Acme;552120222;55212022200013;82.11Z;SA;PRIVATE;PME;12;1 rue de la Paix;;75002;Paris;FR;"
                + "75;11;https://acme.fr;'+33142685300;PARTNER;mécène, salon;2026-03-01 10:30;2026-03-01 11:30");
    }
}
