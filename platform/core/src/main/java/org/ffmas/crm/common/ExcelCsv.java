package org.ffmas.crm.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV files as Excel in French opens them: UTF-8 with a BOM, {@code ;} between cells, CRLF;
 * and the one guard against formula injection (OWASP "CSV injection") every export uses: a text
 * cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is
 * prefixed with {@code '}, so that a spreadsheet shows it instead of running it.
 */
public final class ExcelCsv {

    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get();

    private ExcelCsv() {}

    /** A printer writing the BOM first; closing it closes {@code out}. */
    public static CSVPrinter printer(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        return new CSVPrinter(writer, FORMAT);
    }

    /** Neutralises what a spreadsheet would take for a formula. */
    public static String safe(String cell) {
        return startsAFormula(cell, 0) ? "'" + cell : cell;
    }

    /** The cell as it was before {@link #safe}: a file exported by the platform, fixed and imported again, keeps its values. */
    public static String unsafe(String cell) {
        return cell != null && cell.startsWith("'") && startsAFormula(cell, 1) ? cell.substring(1) : cell;
    }

    private static boolean startsAFormula(String cell, int at) {
        if (cell == null || cell.length() <= at) {
            return false;
        }
        char first = cell.charAt(at);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
