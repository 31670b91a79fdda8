package org.ffmas.crm.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.ffmas.crm.common.ExcelCsv;
import org.ffmas.crm.partner.SearchText;

/**
 * A row's cells as the API's fields (empty cells left out), and the company a contact row names.
 * Cells are read as people type them: "Assistante de direction", "Mme", "Anglais"; and as the
 * platform's exports write them ({@code '+33…}, see {@link ExcelCsv#safe}), so that a rejected rows' file fixed in a
 * spreadsheet imports as typed.
 */
record RowFields(ObjectNode fields, String companySiren, String companyName) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RowFields of(Columns columns, CSVRecord row) {
        ObjectNode fields = JSON.createObjectNode();
        String companySiren = null;
        String companyName = null;
        for (int i = 0; i < row.size(); i++) {
            String value = ExcelCsv.unsafe(row.get(i));
            Optional<String> field = columns.field(i);
            if (field.isEmpty() || value == null || value.isBlank()) {
                // an empty cell leaves the field as it is: a file never erases what staff typed
                continue;
            }
            String f = field.get();
            switch (f) {
                case Columns.COMPANY_SIREN -> companySiren = value;
                case Columns.COMPANY_NAME -> companyName = value;
                case "tags" -> {
                    ArrayNode tags = fields.putArray("tags");
                    for (String t : value.split("[,;|]")) {
                        if (!t.isBlank()) {
                            tags.add(t.strip());
                        }
                    }
                }
                case "function" -> fields.put("function", function(value));
                case "civility" -> civility(value).ifPresent(c -> fields.put("civility", c));
                case "language" -> fields.put("language", language(value));
                default -> {
                    if (f.startsWith("address.")) {
                        ObjectNode address = fields.has("address") ? (ObjectNode) fields.get("address") : fields.putObject("address");
                        address.put(f.substring("address.".length()), value);
                    } else {
                        fields.put(f, value);
                    }
                }
            }
        }
        return new RowFields(fields, companySiren, companyName);
    }

    /** The cell of the row's column mapped to {@code field}, as typed; null when there is none. */
    static String cell(CSVRecord row, Columns columns, String field) {
        for (int i = 0; i < row.size(); i++) {
            if (columns.field(i).map(field::equals).orElse(false)) {
                return ExcelCsv.unsafe(row.get(i));
            }
        }
        return null;
    }

    /** "Assistante de direction" → ASSISTANT, "DRH" → HR...; what is not recognised is OTHER. */
    static String function(String text) {
        String t = SearchText.normalize(text);
        if (t.matches(".*\\b(assistant|assistante|secretaire|secretariat)\\b.*")) {
            return "ASSISTANT";
        }
        if (t.matches(".*\\b(office manager|office)\\b.*")) {
            return "OFFICE_MANAGER";
        }
        if (t.matches(".*\\b(rh|drh|ressources humaines|hr|human resources|recrutement)\\b.*")) {
            return "HR";
        }
        if (t.matches(".*\\b(communication|marketing|presse)\\b.*")) {
            return "COMMUNICATION";
        }
        if (t.matches(".*\\b(direction|directeur|directrice|dg|pdg|president|presidente|gerant|gerante|ceo|director)\\b.*")) {
            return "DIRECTION";
        }
        for (String name : new String[] {"DIRECTION", "HR", "ASSISTANT", "OFFICE_MANAGER", "COMMUNICATION", "OTHER"}) {
            if (name.equalsIgnoreCase(text.strip())) {
                return name;
            }
        }
        return "OTHER";
    }

    static Optional<String> civility(String text) {
        String t = SearchText.normalize(text);
        return switch (t) {
            case "m", "mr", "monsieur", "mister" -> Optional.of("M");
            case "mme", "madame", "mrs", "ms", "mlle", "mademoiselle" -> Optional.of("MME");
            default -> Optional.empty();
        };
    }

    static String language(String text) {
        String t = SearchText.normalize(text);
        return t.startsWith("en") || t.startsWith("ang") ? "en" : t.startsWith("fr") ? "fr" : text.strip().toLowerCase(Locale.ROOT);
    }
}
