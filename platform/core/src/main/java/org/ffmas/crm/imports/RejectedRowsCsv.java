package org.ffmas.crm.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** An import's rejected rows as a CSV for Excel: the file's columns and a last one with the reasons, ready to fix and import again. */
final class RejectedRowsCsv {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> CELLS = new TypeReference<>() {};

    private final ImportRepository imports;

    RejectedRowsCsv(ImportRepository imports) {
        this.imports = imports;
    }

    void write(long id, OutputStream out) throws IOException {
        List<String> headers = JSON.readValue(imports.headers(id).orElse("[]"), CELLS);
        Map<Integer, List<String>> cellsByLine = new LinkedHashMap<>();
        Map<Integer, List<String>> reasons = new LinkedHashMap<>();
        for (ImportRepository.Rejection r : imports.rejections(id)) {
            cellsByLine.putIfAbsent(r.line(), JSON.readValue(r.cellsJson(), CELLS));
            reasons.computeIfAbsent(r.line(), k -> new ArrayList<>()).add(r.field() == null || r.field().isEmpty()
                    ? r.message() : r.field() + " : " + r.message());
        }
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get())) {
            List<String> head = new ArrayList<>(headers);
            head.add("Motif du rejet");
            printer.printRecord(head);
            for (var e : cellsByLine.entrySet()) {
                List<String> record = new ArrayList<>(e.getValue());
                while (record.size() < headers.size()) {
                    record.add("");
                }
                record.add("ligne " + e.getKey() + " : " + String.join(" ; ", reasons.get(e.getKey())));
                printer.printRecord(record);
            }
        }
    }
}
