package org.ffmas.crm.sync;

import java.util.ArrayList;
import java.util.List;

/** What a run has done so far; kept by the run's own thread only. */
final class SyncCounts {

    private static final int DETAILS_KEPT = 50;

    private int pulled;
    private int pushed;
    private int conflicts;
    private int errors;
    private int attempts;
    private final List<String> errorDetails = new ArrayList<>();

    void addPulled() {
        pulled++;
    }

    void addPushed() {
        pushed++;
    }

    void addConflict() {
        conflicts++;
    }

    void addRetry() {
        attempts++;
    }

    void addError(String detail) {
        errors++;
        if (errorDetails.size() < DETAILS_KEPT) {
            errorDetails.add(detail);
        }
    }

    int pulled() {
        return pulled;
    }

    int pushed() {
        return pushed;
    }

    int conflicts() {
        return conflicts;
    }

    int errors() {
        return errors;
    }

    int attempts() {
        return attempts;
    }

    List<String> errorDetails() {
        return List.copyOf(errorDetails);
    }
}
