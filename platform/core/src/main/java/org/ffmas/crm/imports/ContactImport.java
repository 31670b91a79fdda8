package org.ffmas.crm.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.CompanyService.ImportResult;
import org.ffmas.crm.partner.CompanyService.RowOutcome;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.storage.Database;

/** Rows → contacts: a chunk at a time in one transaction, each row in its own savepoint, attached to the company it names. */
final class ContactImport {

    private final Database database;
    private final CompanyService companies;
    private final ContactService contacts;
    private final ChunkTally tally;

    ContactImport(Database database, CompanyService companies, ContactService contacts, ChunkTally tally) {
        this.database = database;
        this.companies = companies;
        this.contacts = contacts;
        this.tally = tally;
    }

    void run(long id, Actor by, Columns columns, CsvFile csv, RunCounts counts) {
        List<CSVRecord> chunk;
        while (!(chunk = csv.nextChunk()).isEmpty()) {
            counts.read(chunk.size());
            List<CSVRecord> rows = chunk;
            counts.add(database.inTransaction(() -> {
                List<RowOutcome> outcomes = new ArrayList<>(rows.size());
                for (CSVRecord row : rows) {
                    try {
                        outcomes.add(new RowOutcome(database.inTransaction(() -> importContact(by, columns, row)), null));
                    } catch (RuntimeException e) {
                        outcomes.add(new RowOutcome(null, e));
                    }
                }
                return tally.tally(id, rows, outcomes, false);
            }));
        }
    }

    private ImportResult importContact(Actor by, Columns columns, CSVRecord row) {
        RowFields r = RowFields.of(columns, row);
        ObjectNode fields = r.fields();
        Validation v = new Validation();
        Optional<Long> companyId = companies.findForImport(r.companySiren(), r.companyName(), v);
        v.throwIfAny();
        if (fields.has("function") && fields.get("function").asText().equals("OTHER") && !fields.has("jobTitle")) {
            fields.put("jobTitle", RowFields.cell(row, columns, "function"));
        }
        return contacts.importRow(by, companyId.orElseThrow(), fields);
    }
}
