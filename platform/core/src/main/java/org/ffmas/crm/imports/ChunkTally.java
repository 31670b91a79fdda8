package org.ffmas.crm.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.FieldError;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.partner.CompanyService.ImportResult;
import org.ffmas.crm.partner.CompanyService.ImportOutcome;
import org.ffmas.crm.partner.CompanyService.RowOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run report of a chunk: its rows' outcomes counted, and each rejected row recorded with its cells and reasons. */
final class ChunkTally {

    private static final Logger log = LoggerFactory.getLogger(ChunkTally.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What staff read about a row the database refused: its cause (SQL, a class name) is for the log only. */
    static final String ROW_FAILED = "ligne non importée : erreur interne de la plateforme (le détail est dans son journal) ; "
            + "corrigez-la ou signalez-la à l'administrateur";

    private final ImportRepository imports;

    ChunkTally(ImportRepository imports) {
        this.imports = imports;
    }

    /** Counts a chunk's outcomes and records its rejected rows, in the chunk's transaction. */
    ChunkResult tally(long id, List<CSVRecord> chunk, List<RowOutcome> outcomes, boolean enrich) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        int rejections = 0;
        List<Long> toEnrich = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            CSVRecord row = chunk.get(i);
            int line = (int) row.getRecordNumber();
            RowOutcome o = outcomes.get(i);
            if (o.result() != null) {
                ImportResult result = o.result();
                if (enrich && result.outcome() != ImportOutcome.UNCHANGED) {
                    toEnrich.add(result.id());
                }
                switch (result.outcome()) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            } else if (o.refusal() instanceof InvalidInputException e) {
                rejected++;
                rejections += reject(id, line, row, e.errors());
            } else if (o.refusal() instanceof DuplicateException e) {
                rejected++;
                rejections += reject(id, line, row, List.of(new FieldError("contact".equals(e.existingType()) ? "email" : "siren", e.getMessage())));
            } else {
                rejected++;
                log.error("import {} line {}: row not imported", id, line, o.refusal());
                rejections += reject(id, line, row, List.of(new FieldError("", ROW_FAILED)));
            }
        }
        return new ChunkResult(created, updated, unchanged, rejected, rejections, toEnrich);
    }

    /** Records a rejected row's problems; returns how many. */
    private int reject(long id, int line, CSVRecord row, List<FieldError> errors) {
        List<String> cells = new ArrayList<>();
        row.forEach(cells::add);
        String cellsJson;
        try {
            cellsJson = JSON.writeValueAsString(cells);
        } catch (IOException e) {
            cellsJson = "[]";
        }
        for (FieldError e : errors) {
            imports.reject(id, new ImportRepository.Rejection(0, line, e.field(), e.message(), cellsJson));
        }
        return errors.size();
    }
}
