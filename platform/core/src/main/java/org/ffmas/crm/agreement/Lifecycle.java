package org.ffmas.crm.agreement;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one state machine of agreements. DRAFT → SENT → SIGNED → ACTIVE → EXPIRED; RENEWED once a
 * renewal is signed; TERMINATED (with a reason) from SIGNED or ACTIVE; CANCELLED from DRAFT or SENT.
 */
public final class Lifecycle {

    /** Where an agreement is in its life. */
    public enum Status { DRAFT, SENT, SIGNED, ACTIVE, EXPIRED, RENEWED, TERMINATED, CANCELLED }

    private static final Map<Status, Set<Status>> MOVES = new EnumMap<>(Status.class);

    static {
        MOVES.put(Status.DRAFT, EnumSet.of(Status.SENT, Status.CANCELLED));
        MOVES.put(Status.SENT, EnumSet.of(Status.SIGNED, Status.CANCELLED, Status.DRAFT));
        MOVES.put(Status.SIGNED, EnumSet.of(Status.ACTIVE, Status.TERMINATED));
        MOVES.put(Status.ACTIVE, EnumSet.of(Status.EXPIRED, Status.TERMINATED, Status.RENEWED));
        MOVES.put(Status.EXPIRED, EnumSet.of(Status.RENEWED));
        MOVES.put(Status.RENEWED, EnumSet.noneOf(Status.class));
        MOVES.put(Status.TERMINATED, EnumSet.noneOf(Status.class));
        MOVES.put(Status.CANCELLED, EnumSet.noneOf(Status.class));
    }

    private Lifecycle() {}

    public static Set<Status> allowed(Status from) {
        Set<Status> moves = MOVES.get(from);
        return moves.isEmpty() ? EnumSet.noneOf(Status.class) : EnumSet.copyOf(moves);
    }

    public static boolean canMove(Status from, Status to) {
        return MOVES.get(from).contains(to);
    }

    /** Whether the terms (amount, dates, counterparts, instalments...) may still change. */
    public static boolean termsEditable(Status s) {
        return s == Status.DRAFT || s == Status.SENT;
    }

    /** Once signed, an agreement binds the company: it counts for its partner status. */
    public static boolean wasSigned(Status s) {
        return s == Status.SIGNED || s == Status.ACTIVE || s == Status.EXPIRED || s == Status.RENEWED || s == Status.TERMINATED;
    }
}
