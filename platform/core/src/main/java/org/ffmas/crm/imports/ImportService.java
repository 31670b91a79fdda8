package org.ffmas.crm.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.RegistryEnrichment;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV imports of companies and contacts: each row validated and upserted by its natural key
 * through the companies' and contacts' services (so audit and events hold), one bad row never
 * blocking the others, the file read row by row whatever its size. Receives the files (uploads
 * and the inbox) and runs them: rows become companies in {@link CompanyImport}, contacts in
 * {@link ContactImport}; {@link ChunkTally} and {@link RunCounts} make the run's report. An import
 * failed or left by a runner that is gone ({@link ImportRunners}) may be restarted.
 */
public final class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What staff read when the run broke off for a reason of the platform's (its cause, with SQL or class names, is in the log). */
    static final String RUN_FAILED = "Import interrompu par une erreur interne de la plateforme (le détail est dans son journal) ; "
            + "les lignes déjà enregistrées le restent : relancez-le";

    private final ImportRepository imports;
    private final Path uploadsDir;
    private final Clock clock;
    private final CompanyImport companyRows;
    private final ContactImport contactRows;
    private final RejectedRowsCsv rejected;
    private final ImportRunners runners;

    ImportService(Database database, ImportRepository imports, ImportRunners runners, CompanyService companies, ContactService contacts,
                  Path uploadsDir, Clock clock, RegistryEnrichment enrichment) {
        this.imports = imports;
        this.runners = runners;
        this.uploadsDir = uploadsDir;
        this.clock = clock;
        ChunkTally tally = new ChunkTally(imports);
        this.companyRows = new CompanyImport(database, companies, enrichment, tally);
        this.contactRows = new ContactImport(database, companies, contacts, tally);
        this.rejected = new RejectedRowsCsv(imports);
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
        long id = imports.create(entity, "upload", name, by.userId() == 0 ? null : by.userId(), by.name(), clock.instant(), runners.me(), enrich);
        Files.createDirectories(uploadsDir);
        Files.copy(content, uploadsDir.resolve(id + ".csv"));
        log.info("import {} of {} received from user {} ({})", id, entity, by.userId(), name);
        return id;
    }

    Path uploaded(long id) {
        return uploadsDir.resolve(id + ".csv");
    }

    /** Registers a file dropped into the inbox. */
    long registerInbox(String entity, String fileName) {
        return imports.create(entity, "inbox", fileName, null, "inbox", clock.instant(), runners.me(), false);
    }

    public ImportRun get(long id) {
        return imports.find(id).orElseThrow(() -> new NotFoundException("No import with id " + id + "."));
    }

    public List<ImportRun> recent() {
        return imports.recent(50);
    }

    /** The rejected rows' problems, a page at a time, in the file's order. */
    public Page<ImportRun.RowError> rejections(long id, int page, int size) {
        get(id);
        return new Page<>(imports.errors(id, (long) (page - 1) * size, size), imports.errorCount(id), page, size);
    }

    /**
     * Queues again an uploaded file whose import failed or whose runner is gone (the platform
     * stopped during it); the caller hands it to the import route. Its rows are imported again by
     * their natural keys: those stored before count as unchanged, none is duplicated.
     */
    public ImportRun restart(Actor by, long id) {
        ImportRun run = get(id);
        if (!"upload".equals(run.source())) {
            throw new ConflictException("Import " + id + " read a file of the inbox: drop the file there again to import it again.", null);
        }
        if (!Files.isRegularFile(uploaded(id))) {
            throw new ConflictException("The file of import " + id + " is no longer kept: upload it again.", null);
        }
        if (!runners.claim(id)) {
            throw new ConflictException("Import " + id + " is " + get(id).status()
                    + ": only a failed import, or one the platform stopped during, can be restarted.", null);
        }
        log.info("import {} of {} restarted by user {}", id, run.entity(), by.userId());
        return get(id);
    }

    /**
     * Imports a file; returns false when the whole file was refused (not CSV, no recognisable
     * header), the reason then being the run's {@code failure}.
     */
    boolean run(long id, String entity, Path file) {
        Actor by = Actor.system("import:" + id, Role.STAFF);
        RunCounts counts = new RunCounts(id, imports);
        try (CsvFile csv = CsvFile.open(file)) {
            Columns columns = new Columns(entity, csv.headers());
            Optional<String> missing = missingColumns(entity, columns);
            if (missing.isPresent()) {
                fail(id, missing.get());
                return false;
            }
            imports.started(id, JSON.writeValueAsString(csv.headers()), clock.instant());
            if (entity.equals("companies")) {
                companyRows.run(id, by, columns, csv, counts, imports.enrich(id));
            } else {
                contactRows.run(id, by, columns, csv, counts);
            }
            counts.write();
            imports.finished(id, "DONE", null, clock.instant());
            log.info("import {} of {} done: {} read, {} created, {} updated, {} unchanged, {} rejected ({}, '{}')", id, entity, counts.read(),
                    counts.created(), counts.updated(), counts.unchanged(), counts.rejected(), csv.encoding(),
                    csv.separator() == '\t' ? "tab" : String.valueOf(csv.separator()));
            return true;
        } catch (CsvFile.UnreadableException e) {
            fail(id, e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            log.error("import {} failed", id, e);
            // what the committed chunks did stays counted
            counts.write();
            fail(id, failure(e));
            return false;
        }
    }

    /** The parser's own words when the file is malformed ("(line 12) invalid char..."); nothing of the platform's insides otherwise. */
    private static String failure(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = cause == null ? null : cause.getMessage();
        if (cause instanceof IOException && message != null && message.matches("\\((start)?line \\d+\\)[^\\n]*")) {
            return "the file could not be read: " + message;
        }
        return RUN_FAILED;
    }

    private void fail(long id, String reason) {
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

    /** The rejected rows as a CSV (the file's columns and a last one with the reasons), ready to fix and import again. */
    public void writeRejected(long id, OutputStream out) throws IOException {
        get(id);
        rejected.write(id, out);
    }
}
