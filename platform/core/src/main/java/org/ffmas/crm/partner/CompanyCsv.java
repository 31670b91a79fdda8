package org.ffmas.crm.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Companies as a CSV file Excel in French opens right: UTF-8 with a BOM, {@code ;} between
 * cells, French headers (the same the import recognises). A cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with {@code '}, so
 * that a spreadsheet never runs it as a formula.
 */
public final class CompanyCsv implements AutoCloseable {

    static final String[] HEADERS = {"Id", "Raison sociale", "Nom commercial", "SIREN", "SIRET", "Code NAF", "Forme juridique",
            "Secteur", "Taille", "Tranche d'effectif", "Adresse", "Complément d'adresse", "Code postal", "Ville", "Pays",
            "Département", "Région", "Site web", "Téléphone", "Statut", "Étiquettes", "Créée le", "Modifiée le"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Paris"));

    private final CSVPrinter printer;

    public CompanyCsv(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        printer = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get());
        printer.printRecord((Object[]) HEADERS);
    }

    public void write(Company c) {
        try {
            printer.printRecord(c.id(), safe(c.legalName()), safe(c.tradeName()), c.siren(), c.siret(), safe(c.nafCode()),
                    safe(c.legalForm()), c.sector(), c.sizeBracket(), c.workforceBracket(), safe(c.address().line1()),
                    safe(c.address().line2()), safe(c.address().postalCode()), safe(c.address().city()), c.address().country(),
                    c.department(), c.region(), safe(c.website()), safe(c.phone()), c.status(), safe(String.join(", ", c.tags())),
                    DATE.format(c.createdAt()), DATE.format(c.updatedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Neutralises what a spreadsheet would take for a formula. */
    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
