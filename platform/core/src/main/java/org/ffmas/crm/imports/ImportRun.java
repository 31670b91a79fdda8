package org.ffmas.crm.imports;

import java.time.Instant;
import java.util.List;

/**
 * One imported file and what became of it.
 *
 * @param status QUEUED, RUNNING, DONE or FAILED (the whole file refused, or the run interrupted, with {@code failure})
 * @param errors the first {@value #ERRORS_SHOWN} problems of the rejected rows, by line and field (none in lists of imports)
 * @param errorsTotal how many problems there are in all
 * @param errorsLink where all of them are, page by page ({@code rejected.csv} has the rows themselves)
 */
public record ImportRun(long id, String entity, String source, String fileName, String status, int rowsRead, int created, int updated,
                        int unchanged, int rejected, String failure, List<RowError> errors, int errorsTotal, String errorsLink,
                        Instant createdAt, Instant finishedAt) {

    /** Problems an import's report carries: the answer stays small whatever the file. */
    public static final int ERRORS_SHOWN = 20;

    static String errorsLink(long id) {
        return "/api/imports/" + id + "/rejections?page=1&size=50";
    }

    /** Why a row was rejected. */
    public record RowError(int line, String field, String message) {}
}
