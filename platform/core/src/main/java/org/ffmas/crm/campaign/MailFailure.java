package org.ffmas.crm.campaign;

/**
 * A message the mail server or service did not take. {@code permanent}: it will never take it
 * (5xx); otherwise it may later (4xx, connection lost). {@code serverDown}: nothing will go
 * through for now, so the rest of the batch waits too. {@code untried}: the message never reached
 * the server (no connection could be made), so it uses up none of its attempts.
 */
final class MailFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final boolean serverDown;
    private final boolean untried;

    MailFailure(String reply, boolean permanent, boolean serverDown, Throwable cause) {
        this(reply, permanent, serverDown, false, cause);
    }

    private MailFailure(String reply, boolean permanent, boolean serverDown, boolean untried, Throwable cause) {
        super(reply, cause);
        this.permanent = permanent;
        this.serverDown = serverDown;
        this.untried = untried;
    }

    /** The way out could not be reached at all: nothing was handed over. */
    static MailFailure unreachable(String reply, Throwable cause) {
        return new MailFailure(reply, false, true, true, cause);
    }

    boolean untried() {
        return untried;
    }

    boolean permanent() {
        return permanent;
    }

    boolean serverDown() {
        return serverDown;
    }
}
