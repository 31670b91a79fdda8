package org.ffmas.crm.sync;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Pulls page after page from a saved cursor, saving the cursor once each page is applied. */
final class CursorPages {

    /** One page as a connector gave it, companies or contacts. */
    record Pulled<T>(List<T> records, String nextCursor, boolean more) {}

    /** Where the pages come from: the connector, asked from a cursor (null: from the start). */
    @FunctionalInterface
    interface PageSource<T> {
        Pulled<T> pull(String cursor) throws Exception;
    }

    private final SyncRepository repository;
    private final Retries retries;
    private final Clock clock;

    CursorPages(SyncRepository repository, Retries retries, Clock clock) {
        this.repository = repository;
        this.retries = retries;
        this.clock = clock;
    }

    /**
     * Pulls from the cursor kept under {@code cursorKey}, applying each record, until the connector
     * has no more; returns the last cursor. The run shows {@code runCursor} as where it is, or this
     * cursor when null; {@code what} names the records in failures.
     */
    <T> String pull(ActiveRun run, String cursorKey, String runCursor, String what, PageSource<T> source, Consumer<T> apply)
            throws Exception {
        String cursor = repository.cursor(cursorKey).orElse(null);
        boolean more = true;
        while (more) {
            String from = cursor;
            Pulled<T> page = retries.call(run, () -> source.pull(from));
            if (page == null || page.records() == null) {
                throw new IllegalStateException("the connector gave no page of " + what);
            }
            page.records().forEach(apply);
            if (page.more() && page.records().isEmpty() && Objects.equals(page.nextCursor(), from)) {
                throw new IllegalStateException("the connector announced more " + what + " but gave none and did not move on");
            }
            cursor = page.nextCursor();
            repository.saveCursor(cursorKey, cursor, clock.instant());
            repository.progress(run.id(), run.counts(), runCursor == null ? cursor : runCursor);
            more = page.more();
        }
        return cursor;
    }
}
