package org.ffmas.crm.imports;

/**
 * What a running import has done so far: rows read, created, updated, unchanged and rejected (and the rejections' problems).
 * Written to the import's record at most once a second while it runs (each write is a commit of
 * its own), and at its end.
 */
final class RunCounts {

    private static final long WRITE_EVERY_NANOS = 1_000_000_000L;

    private final long importId;
    private final ImportRepository imports;
    private int read;
    private int created;
    private int updated;
    private int unchanged;
    private int rejected;
    private int rejections;
    /** When the counts were last written (System.nanoTime); null before the first write. */
    private Long writtenAt;

    RunCounts(long importId, ImportRepository imports) {
        this.importId = importId;
        this.imports = imports;
    }

    void read(int rows) {
        read += rows;
    }

    /** Adds a stored chunk's outcomes; writes the counts when the last write is a second old. */
    void add(ChunkResult chunk) {
        created += chunk.created();
        updated += chunk.updated();
        unchanged += chunk.unchanged();
        rejected += chunk.rejected();
        rejections += chunk.rejections();
        long now = System.nanoTime();
        if (writtenAt == null || now - writtenAt >= WRITE_EVERY_NANOS) {
            write();
            writtenAt = now;
        }
    }

    /** Writes the counts now: at the end of the run, done or failed. */
    void write() {
        imports.progress(importId, read, created, updated, unchanged, rejected, rejections);
    }

    int read() {
        return read;
    }

    int created() {
        return created;
    }

    int updated() {
        return updated;
    }

    int unchanged() {
        return unchanged;
    }

    int rejected() {
        return rejected;
    }
}
