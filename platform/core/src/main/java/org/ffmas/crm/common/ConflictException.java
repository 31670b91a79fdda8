package org.ffmas.crm.common;

/**
 * The change conflicts with the current state (answered as 409): most often a stale
 * {@code version}, in which case {@link #currentVersion()} tells the client which one is current.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Long currentVersion;

    public ConflictException(String detail, Long currentVersion) {
        super(detail);
        this.currentVersion = currentVersion;
    }

    public static ConflictException staleVersion(String what, long given, long current) {
        return new ConflictException(what + " was changed by someone else: version " + given + " is stale, the current one is " + current
                + ". Reload it and apply your change again.", current);
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
