package org.ffmas.crm.campaign;

/**
 * A message the mail server or service did not take. {@code permanent}: it will never take it
 * (5xx); otherwise it may later (4xx, connection lost). {@code serverDown}: nothing will go
 * through for now, so the rest of the batch waits too.
 */
final class MailFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final boolean serverDown;

    MailFailure(String reply, boolean permanent, boolean serverDown, Throwable cause) {
        super(reply, cause);
        this.permanent = permanent;
        this.serverDown = serverDown;
    }

    boolean permanent() {
        return permanent;
    }

    boolean serverDown() {
        return serverDown;
    }
}
