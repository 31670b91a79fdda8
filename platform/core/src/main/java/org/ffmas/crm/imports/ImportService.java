package org.ffmas.crm.imports;

import org.ffmas.crm.common.Actor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.FieldError;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.SearchText;
import org.ffmas.crm.security.Caller;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV imports of companies and contacts: each row validated and upserted by its natural key
 * through the companies' and contacts' services (so audit and events hold), one bad row never
 * blocking the others, the file read row by row whatever its size.
 */
public final class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows committed together: one commit per chunk, not per row, each row still undone alone if it fails. */
    private static final int CHUNK = 1000;
    /** Chunks of companies stored at once, each by its own thread and connection. */
    private static final int WRITERS = 2;

    private final Database database;
    private final ImportRepository imports;
    private final CompanyService companies;
    private final ContactService contacts;
    private final Path uploadsDir;
    private final Clock clock;
    private final org.ffmas.crm.partner.RegistryEnrichment enrichment;
    /** Imports asked to fill their companies from the registry as well. */
    private final java.util.Set<Long> enriching = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When each running import last wrote its counts (System.nanoTime). */
    private final Map<Long, Long> countsWrittenAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Counts are written at most this often while an import runs (each write is a commit of its own), and at its end. */
    private static final long COUNTS_EVERY_NANOS = 1_000_000_000L;

    public ImportService(Database database, ImportRepository imports, CompanyService companies, ContactService contacts, Path uploadsDir,
                         Clock clock, org.ffmas.crm.partner.RegistryEnrichment enrichment) {
        this.database = database;
        this.enrichment = enrichment;
        this.imports = imports;
        this.companies = companies;
        this.contacts = contacts;
        this.uploadsDir = uploadsDir;
        this.clock = clock;
    }

    public static String checkEntity(String entity) {
        if (!"companies".equals(entity) && !"contacts".equals(entity)) {
            throw new InvalidInputException("entity", "must be companies or contacts");
        }
        return entity;
    }

    /**
     * Keeps an uploaded file and registers its import (QUEUED); the caller hands it to the import
     * route. With {@code enrich}, each company imported with a SIREN is then filled from the registry.
     */
    public long receive(Actor by, String entity, String fileName, InputStream content, boolean enrich) throws IOException {
        checkEntity(entity);
        String name = fileName == null || fileName.isBlank() ? "import.csv" : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        long id = imports.create(entity, "upload", name, by.userId() == 0 ? null : by.userId(), by.name(), clock.instant());
        Files.createDirectories(uploadsDir);
        Files.copy(content, uploadsDir.resolve(id + ".csv"));
        if (enrich) {
            enriching.add(id);
        }
        log.info("import {} of {} received from user {} ({})", id, entity, by.userId(), name);
        return id;
    }

    Path uploaded(long id) {
        return uploadsDir.resolve(id + ".csv");
    }

    /** Registers a file dropped into the inbox. */
    long registerInbox(String entity, String fileName) {
        return imports.create(entity, "inbox", fileName, null, "inbox", clock.instant());
    }

    public ImportRun get(long id) {
        return imports.find(id).orElseThrow(() -> new NotFoundException("No import with id " + id + "."));
    }

    public List<ImportRun> recent() {
        return imports.recent(50);
    }

    /**
     * Imports a file; returns false when the whole file was refused (not CSV, no recognisable
     * header), the reason then being the run's {@code failure}.
     */
    boolean run(long id, String entity, Path file) {
        Actor by = Actor.system("import:" + id, Role.STAFF);
        int[] counts = new int[5];
        try (CsvFile csv = CsvFile.open(file)) {
            Columns columns = new Columns(entity, csv.headers());
            Optional<String> missing = missingColumns(entity, columns);
            if (missing.isPresent()) {
                fail(id, missing.get());
                return false;
            }
            imports.started(id, JSON.writeValueAsString(csv.headers()), clock.instant());
            if (entity.equals("companies")) {
                importCompanies(id, by, columns, csv, counts);
            } else {
                importContacts(id, by, columns, csv, counts);
            }
            int read = counts[0];
            int created = counts[1];
            int updated = counts[2];
            int unchanged = counts[3];
            int rejected = counts[4];
            imports.progress(id, read, created, updated, unchanged, rejected);
            imports.finished(id, "DONE", null, clock.instant());
            enriching.remove(id);
            log.info("import {} of {} done: {} read, {} created, {} updated, {} unchanged, {} rejected ({}, '{}')", id, entity, read,
                    created, updated, unchanged, rejected, csv.encoding(), csv.separator() == '\t' ? "tab" : String.valueOf(csv.separator()));
            return true;
        } catch (CsvFile.UnreadableException e) {
            fail(id, e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            log.error("import {} failed", id, e);
            // what the committed chunks did stays counted
            imports.progress(id, counts[0], counts[1], counts[2], counts[3], counts[4]);
            fail(id, "the file could not be read: " + e.getMessage());
            return false;
        } finally {
            countsWrittenAt.remove(id);
        }
    }

    /** What a stored chunk did: created, updated, unchanged and rejected rows, and the companies to enrich. */
    private record ChunkResult(int[] counts, List<Long> toEnrich) {}

    /** A chunk handed to a writer, with the natural keys it names. */
    private record InFlight(java.util.Set<String> keys, java.util.concurrent.Future<ChunkResult> result) {}

    /**
     * Companies: this thread reads and validates chunk after chunk while {@link #WRITERS} writers
     * store the previous ones, each chunk in its own transaction (the database then works on two
     * at once). A chunk naming a company that a chunk still in flight names waits for it, so
     * dedupe sees what the file created earlier; results are counted in the file's order.
     */
    private void importCompanies(long id, Actor by, Columns columns, CsvFile csv, int[] counts) {
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(WRITERS, work -> {
            Thread t = new Thread(work, "import-" + id + "-writer");
            t.setDaemon(true);
            return t;
        });
        java.util.Deque<InFlight> inFlight = new java.util.ArrayDeque<>();
        try {
            List<CSVRecord> chunk;
            while (!(chunk = readChunk(csv)).isEmpty()) {
                counts[0] += chunk.size();
                List<CSVRecord> rows = chunk;
                CompanyService.PreparedRows prepared = companies.prepareRows(rows.stream().map(row -> fields(columns, row).fields()).toList());
                while (inFlight.size() >= WRITERS || inFlight.stream().anyMatch(c -> !java.util.Collections.disjoint(c.keys(), prepared.keys()))) {
                    finish(id, by, inFlight.removeFirst(), counts);
                }
                boolean enrich = enriching.contains(id);
                inFlight.addLast(new InFlight(prepared.keys(), writers.submit(() -> storeCompanies(id, by, rows, prepared, enrich))));
            }
            while (!inFlight.isEmpty()) {
                finish(id, by, inFlight.removeFirst(), counts);
            }
        } finally {
            // a failed import still lets the chunks in flight end before it is marked failed
            writers.shutdown();
            try {
                writers.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One chunk of companies in one transaction, tried again when the database gave up on it (a deadlock). */
    private ChunkResult storeCompanies(long id, Actor by, List<CSVRecord> rows, CompanyService.PreparedRows prepared, boolean enrich) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(() -> account(id, rows, companies.storeRows(by, prepared), enrich));
            } catch (RuntimeException e) {
                if (attempt == 3 || !rolledBack(e)) {
                    throw e;
                }
                log.info("import {}: the chunk from line {} is stored again after {}", id, rows.get(0).getRecordNumber(), e.getMessage());
            }
        }
    }

    private static boolean rolledBack(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /** Waits for a chunk's writer, counts what it did, then fills its new companies from the registry if asked (after the commit: the registry is slow). */
    private void finish(long id, Actor by, InFlight chunk, int[] counts) {
        ChunkResult r;
        try {
            r = chunk.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        add(id, counts, r);
        r.toEnrich().forEach(companyId -> enrich(id, by, companyId));
    }

    private void add(long id, int[] counts, ChunkResult r) {
        for (int i = 0; i < 4; i++) {
            counts[i + 1] += r.counts()[i];
        }
        long now = System.nanoTime();
        Long last = countsWrittenAt.get(id);
        if (last == null || now - last >= COUNTS_EVERY_NANOS) {
            imports.progress(id, counts[0], counts[1], counts[2], counts[3], counts[4]);
            countsWrittenAt.put(id, now);
        }
    }

    /** Contacts: a chunk at a time, each row in its own savepoint. */
    private void importContacts(long id, Actor by, Columns columns, CsvFile csv, int[] counts) {
        List<CSVRecord> chunk;
        while (!(chunk = readChunk(csv)).isEmpty()) {
            counts[0] += chunk.size();
            List<CSVRecord> rows = chunk;
            add(id, counts, database.inTransaction(() -> {
                List<CompanyService.RowOutcome> outcomes = new ArrayList<>(rows.size());
                for (CSVRecord row : rows) {
                    try {
                        outcomes.add(new CompanyService.RowOutcome(database.inTransaction(() -> importContact(by, columns, row)), null));
                    } catch (RuntimeException e) {
                        outcomes.add(new CompanyService.RowOutcome(null, e));
                    }
                }
                return account(id, rows, outcomes, false);
            }));
        }
    }

    private static List<CSVRecord> readChunk(CsvFile csv) {
        List<CSVRecord> chunk = new ArrayList<>(CHUNK);
        CSVRecord next;
        while (chunk.size() < CHUNK && (next = csv.next()) != null) {
            chunk.add(next);
        }
        return chunk;
    }

    /** Counts a chunk's outcomes and records its rejected rows, in the chunk's transaction. */
    private ChunkResult account(long id, List<CSVRecord> chunk, List<CompanyService.RowOutcome> outcomes, boolean enrich) {
        int[] counts = new int[4];
        List<Long> toEnrich = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            CSVRecord row = chunk.get(i);
            int line = (int) row.getRecordNumber();
            CompanyService.RowOutcome o = outcomes.get(i);
            if (o.result() != null) {
                CompanyService.ImportResult result = o.result();
                if (enrich && result.outcome() != CompanyService.ImportOutcome.UNCHANGED) {
                    toEnrich.add(result.id());
                }
                counts[switch (result.outcome()) {
                    case CREATED -> 0;
                    case UPDATED -> 1;
                    case UNCHANGED -> 2;
                }]++;
            } else if (o.refusal() instanceof InvalidInputException e) {
                counts[3]++;
                reject(id, line, row, e.errors());
            } else if (o.refusal() instanceof DuplicateException e) {
                counts[3]++;
                reject(id, line, row, List.of(new FieldError("contact".equals(e.existingType()) ? "email" : "siren", e.getMessage())));
            } else {
                counts[3]++;
                log.error("import {} line {}: unexpected error", id, line, o.refusal());
                reject(id, line, row, List.of(new FieldError("", "could not be imported: " + o.refusal().getMessage())));
            }
        }
        return new ChunkResult(counts, toEnrich);
    }

    /** A registry that fails or does not know the company leaves the row imported as it was. */
    private void enrich(long importId, Actor by, long companyId) {
        try {
            enrichment.enrich(by, companyId);
        } catch (RuntimeException e) {
            log.info("import {}: company {} not enriched: {}", importId, companyId, e.getMessage());
        }
    }

    private void fail(long id, String reason) {
        enriching.remove(id);
        imports.finished(id, "FAILED", reason, clock.instant());
        log.warn("import {} refused: {}", id, reason);
    }

    private static Optional<String> missingColumns(String entity, Columns columns) {
        if (entity.equals("companies") && !columns.has("legalName")) {
            return Optional.of("no recognisable header: a companies file needs a column \"Raison sociale\" (or \"Dénomination\", \"Legal name\")");
        }
        if (entity.equals("contacts") && (!columns.has("lastName") || !columns.has(Columns.COMPANY_SIREN) && !columns.has(Columns.COMPANY_NAME))) {
            return Optional.of("no recognisable header: a contacts file needs the columns \"Nom\" and \"SIREN\" or \"Entreprise\"");
        }
        return Optional.empty();
    }

    /** A row's cells as the API's fields (empty cells left out), and the company a contact row names. */
    private record RowFields(ObjectNode fields, String companySiren, String companyName) {}

    private RowFields fields(Columns columns, CSVRecord row) {
        ObjectNode fields = JSON.createObjectNode();
        String companySiren = null;
        String companyName = null;
        for (int i = 0; i < row.size(); i++) {
            String value = row.get(i);
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

    private CompanyService.ImportResult importContact(Actor by, Columns columns, CSVRecord row) {
        RowFields r = fields(columns, row);
        ObjectNode fields = r.fields();
        Validation v = new Validation();
        Optional<Long> companyId = companies.findForImport(r.companySiren(), r.companyName(), v);
        v.throwIfAny();
        if (fields.has("function") && fields.get("function").asText().equals("OTHER") && !fields.has("jobTitle")) {
            fields.put("jobTitle", cell(row, columns, "function"));
        }
        return contacts.importRow(by, companyId.orElseThrow(), fields);
    }

    private static String cell(CSVRecord row, Columns columns, String field) {
        for (int i = 0; i < row.size(); i++) {
            if (columns.field(i).map(field::equals).orElse(false)) {
                return row.get(i);
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

    private void reject(long id, int line, CSVRecord row, List<FieldError> errors) {
        List<String> cells = new ArrayList<>();
        row.forEach(cells::add);
        String cellsJson;
        try {
            cellsJson = JSON.writeValueAsString(cells);
        } catch (IOException e) {
            cellsJson = "[]";
        }
        for (FieldError e : errors) {
            imports.reject(id, new ImportRepository.Rejection(line, e.field(), e.message(), cellsJson));
        }
    }

    /** The rejected rows as a CSV (the file's columns and a last one with the reasons), ready to fix and import again. */
    public void writeRejected(long id, OutputStream out) throws IOException {
        get(id);
        List<String> headers = JSON.readValue(imports.headers(id).orElse("[]"), new TypeReference<List<String>>() {});
        Map<Integer, List<String>> cellsByLine = new LinkedHashMap<>();
        Map<Integer, List<String>> reasons = new LinkedHashMap<>();
        for (ImportRepository.Rejection r : imports.rejections(id)) {
            cellsByLine.putIfAbsent(r.line(), JSON.readValue(r.cellsJson(), new TypeReference<List<String>>() {}));
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
