package org.ffmas.crm.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.ffmas.crm.common.ExcelCsv;

/**
 * An import's rejected rows as a CSV for Excel: the file's columns and a last one with the reasons, ready to fix and import again.
 * Written as it is read, {@value #CHUNK} problems at a time (each chunk a short query of its own: a slow download holds no
 * connection), so that a file of a million rejections costs no more memory than one of ten.
 */
final class RejectedRowsCsv {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> CELLS = new TypeReference<>() {};
    private static final int CHUNK = 1_000;

    private final ImportRepository imports;

    RejectedRowsCsv(ImportRepository imports) {
        this.imports = imports;
    }

    void write(long id, OutputStream out) throws IOException {
        List<String> headers = JSON.readValue(imports.headers(id).orElse("[]"), CELLS);
        try (CSVPrinter printer = ExcelCsv.printer(out)) {
            List<String> head = new ArrayList<>(headers.stream().map(ExcelCsv::safe).toList());
            head.add("Motif du rejet");
            printer.printRecord(head);
            // a line's problems follow each other: its record is printed when the next line starts
            List<String> cells = null;
            List<String> reasons = new ArrayList<>();
            int line = 0;
            long after = 0;
            List<ImportRepository.Rejection> chunk;
            do {
                chunk = imports.rejectionsAfter(id, line, after, CHUNK);
                for (ImportRepository.Rejection r : chunk) {
                    if (cells != null && r.line() != line) {
                        print(printer, headers.size(), cells, line, reasons);
                        cells = null;
                    }
                    if (cells == null) {
                        cells = JSON.readValue(r.cellsJson(), CELLS);
                        reasons.clear();
                    }
                    reasons.add(r.field() == null || r.field().isEmpty() ? r.message() : r.field() + " : " + r.message());
                    line = r.line();
                    after = r.id();
                }
            } while (chunk.size() == CHUNK);
            if (cells != null) {
                print(printer, headers.size(), cells, line, reasons);
            }
        }
    }

    private static void print(CSVPrinter printer, int columns, List<String> cells, int line, List<String> reasons) throws IOException {
        List<String> record = new ArrayList<>(cells.size() + 1);
        cells.forEach(c -> record.add(ExcelCsv.safe(c)));
        while (record.size() < columns) {
            record.add("");
        }
        record.add("ligne " + line + " : " + String.join(" ; ", reasons));
        printer.printRecord(record);
    }
}
