package org.ffmas.crm.sync;

import java.time.Instant;
import java.util.List;

/**
 * One run of a connector, as {@code GET /api/sync/runs} shows it.
 *
 * @param trigger SCHEDULE or REQUEST
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param attempts calls to the external system that had to be tried again
 * @param failure why the run failed
 * @param errors records refused one by one (the run went on with the others), the first ones named in {@code errorDetails}
 */
public record SyncRun(long id, String connector, String trigger, String status, Instant startedAt, Instant finishedAt, int pulled,
                      int pushed, int conflicts, int errors, int attempts, String failure, List<String> errorDetails, String cursorFrom,
                      String cursorTo) {}
