package org.ffmas.crm.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;
import org.ffmas.crm.common.ExcelCsv;

/**
 * Companies as a CSV file Excel in French opens right: UTF-8 with a BOM, {@code ;} between
 * cells, French headers (the same the import recognises); texts go through {@link ExcelCsv#safe},
 * so that a spreadsheet never runs one as a formula.
 */
public final class CompanyCsv implements AutoCloseable {

    private static final List<CompanyField> COLUMNS = CompanyField.exported();
    private static final String[] HEADERS = COLUMNS.stream().map(CompanyField::csvHeader).toArray(String[]::new);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Paris"));

    private final CSVPrinter printer;

    public CompanyCsv(OutputStream out) throws IOException {
        printer = ExcelCsv.printer(out);
        printer.printRecord((Object[]) HEADERS);
    }

    public void write(Company c) {
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        for (CompanyField f : COLUMNS) {
            cells.add(cell(f.read(c)));
        }
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Texts made safe, tags joined, instants as Paris time; numbers and enum constants as they are. */
    private static Object cell(Object value) {
        if (value instanceof String text) {
            return ExcelCsv.safe(text);
        }
        if (value instanceof List<?> texts) {
            return ExcelCsv.safe(texts.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (value instanceof Instant at) {
            return DATE.format(at);
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
