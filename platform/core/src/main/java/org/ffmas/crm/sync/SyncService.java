package org.ffmas.crm.sync;

import java.util.List;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.NotFoundException;

/**
 * Runs the plugins' sync connectors: pulls what changed there since the last good cursor,
 * applies it here unless the company also changed here (then records a conflict for staff),
 * pushes what changed here, and records every run. One run per connector at a time.
 */
public final class SyncService {

    private final SyncRepository repository;
    private final Connectors connectors;
    private final SyncRunner runner;
    private final ConflictResolution resolution;

    SyncService(SyncRepository repository, Connectors connectors, SyncRunner runner, ConflictResolution resolution) {
        this.repository = repository;
        this.connectors = connectors;
        this.runner = runner;
        this.resolution = resolution;
    }

    /** A connector as the API lists it. */
    public record ConnectorInfo(String name, String pluginId, boolean running, String notReady, String cursor) {}

    public List<ConnectorInfo> connectors() {
        return connectors.all().stream()
                .map(e -> new ConnectorInfo(e.extension().system(), e.pluginId(), runner.isRunning(e.extension().system()),
                        e.extension().notReady(e.context()).orElse(null), repository.cursor(e.extension().system()).orElse(null)))
                .toList();
    }

    /** Starts a run of the connector in the background; refused while one is running. */
    public SyncRun start(String connector, String trigger) {
        return run(runner.start(connector, trigger));
    }

    /** The schedule's turn: every started connector not already running. */
    public void runScheduled() {
        runner.runScheduled();
    }

    public SyncRun run(long id) {
        return repository.run(id).orElseThrow(() -> new NotFoundException("There is no sync run " + id + "."));
    }

    public List<SyncRun> runs(String connector, String status, int limit) {
        return repository.runs(connector, status, limit);
    }

    public List<SyncConflict> conflicts(String connector, boolean openOnly, int limit) {
        return repository.conflicts(connector, openOnly, limit);
    }

    /** Staff chose a side: {@code local} is pushed there, {@code remote} applied here. */
    public SyncConflict resolve(Actor by, long conflictId, String keep) {
        return resolution.resolve(by, conflictId, keep);
    }

    /** Ends the runs in progress (they are recorded as interrupted at the next start if they do not finish). */
    public void stop() {
        runner.stop();
    }
}
