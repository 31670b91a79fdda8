package org.ffmas.crm.imports;

import java.time.Instant;
import java.util.List;

/**
 * One imported file and what became of it.
 *
 * @param status QUEUED, RUNNING, DONE or FAILED (the whole file refused, with {@code failure})
 * @param errors the rejected rows' problems, by line and field
 */
public record ImportRun(long id, String entity, String source, String fileName, String status, int rowsRead, int created, int updated,
                        int unchanged, int rejected, String failure, List<RowError> errors, Instant createdAt, Instant finishedAt) {

    /** Why a row was rejected. */
    public record RowError(int line, String field, String message) {}
}
