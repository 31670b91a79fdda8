package org.ffmas.crm.imports;

import java.sql.SQLTransactionRollbackException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.CompanyService.PreparedRows;
import org.ffmas.crm.partner.RegistryEnrichment;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows → companies: this thread reads and validates chunk after chunk while {@link #WRITERS}
 * writers store the previous ones, each chunk in its own transaction (the database then works on
 * two at once). A chunk naming a company that a chunk still in flight names waits for it, so
 * dedupe sees what the file created earlier; results are counted in the file's order.
 */
final class CompanyImport {

    private static final Logger log = LoggerFactory.getLogger(CompanyImport.class);

    /** Chunks of companies stored at once, each by its own thread and connection. */
    private static final int WRITERS = 2;

    /** A chunk handed to a writer, with the natural keys it names. */
    private record InFlight(Set<String> keys, Future<ChunkResult> result) {}

    private final Database database;
    private final CompanyService companies;
    private final RegistryEnrichment enrichment;
    private final ChunkTally tally;

    CompanyImport(Database database, CompanyService companies, RegistryEnrichment enrichment, ChunkTally tally) {
        this.database = database;
        this.companies = companies;
        this.enrichment = enrichment;
        this.tally = tally;
    }

    /** Imports the file's rows; with {@code enrich}, each company created or changed is then filled from the registry. */
    void run(long id, Actor by, Columns columns, CsvFile csv, RunCounts counts, boolean enrich) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS, work -> {
            Thread t = new Thread(work, "import-" + id + "-writer");
            t.setDaemon(true);
            return t;
        });
        Deque<InFlight> inFlight = new ArrayDeque<>();
        try {
            List<CSVRecord> chunk;
            while (!(chunk = csv.nextChunk()).isEmpty()) {
                counts.read(chunk.size());
                List<CSVRecord> rows = chunk;
                PreparedRows prepared = companies.prepareRows(rows.stream().map(row -> RowFields.of(columns, row).fields()).toList());
                while (inFlight.size() >= WRITERS || inFlight.stream().anyMatch(c -> !Collections.disjoint(c.keys(), prepared.keys()))) {
                    finish(id, by, inFlight.removeFirst(), counts);
                }
                inFlight.addLast(new InFlight(prepared.keys(), writers.submit(() -> store(id, by, rows, prepared, enrich))));
            }
            while (!inFlight.isEmpty()) {
                finish(id, by, inFlight.removeFirst(), counts);
            }
        } finally {
            // a failed import still lets the chunks in flight end before it is marked failed
            writers.shutdown();
            try {
                writers.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One chunk of companies in one transaction, tried again when the database gave up on it (a deadlock). */
    private ChunkResult store(long id, Actor by, List<CSVRecord> rows, PreparedRows prepared, boolean enrich) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(() -> tally.tally(id, rows, companies.storeRows(by, prepared), enrich));
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
            if (t instanceof SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /** Waits for a chunk's writer, counts what it did, then fills its new companies from the registry if asked (after the commit: the registry is slow). */
    private void finish(long id, Actor by, InFlight chunk, RunCounts counts) {
        ChunkResult r;
        try {
            r = chunk.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        counts.add(r);
        r.toEnrich().forEach(companyId -> enrich(id, by, companyId));
    }

    /** A registry that fails or does not know the company leaves the row imported as it was. */
    private void enrich(long importId, Actor by, long companyId) {
        try {
            enrichment.enrich(by, companyId);
        } catch (RuntimeException e) {
            log.info("import {}: company {} not enriched: {}", importId, companyId, e.getMessage());
        }
    }
}
