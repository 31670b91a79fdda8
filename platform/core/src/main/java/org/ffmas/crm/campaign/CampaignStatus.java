package org.ffmas.crm.campaign;

import java.util.EnumSet;
import java.util.Set;
import org.ffmas.crm.common.ConflictException;

/**
 * Where a campaign stands, stored and shown by its name. Which statuses may be edited and which
 * moves between them are allowed are all written here, with the reason given when one is refused.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED;

    private static final Set<CampaignStatus> EDITABLE = EnumSet.of(DRAFT, SCHEDULED);

    /** Whether the campaign's fields may still be changed. */
    public boolean editable() {
        return EDITABLE.contains(this);
    }

    /** Whether the campaign may still be cancelled. */
    public boolean cancellable() {
        return Move.CANCEL.allowedFrom(this);
    }

    /** The answer to an edit of a campaign in this status, when it is not {@link #editable()}. */
    ConflictException notEditable(long id) {
        return new ConflictException("Campaign " + id + " is " + this + ": only a draft or a scheduled campaign can be changed.", null);
    }

    /** The moves between statuses: each starts from a few statuses and ends in one. */
    enum Move {
        SEND(SENDING, "only a draft (or a scheduled campaign) can be sent", DRAFT, SCHEDULED),
        /** A scheduled campaign whose time came. */
        START_SCHEDULED(SENDING, "only a scheduled campaign starts at its time", SCHEDULED),
        SCHEDULE(SCHEDULED, "only a draft can be scheduled", DRAFT, SCHEDULED),
        PAUSE(PAUSED, "only a campaign being sent can be paused", SENDING),
        RESUME(SENDING, "only a paused campaign can be resumed", PAUSED),
        CANCEL(CANCELLED, "a campaign already sent or cancelled cannot be cancelled", DRAFT, SCHEDULED, SENDING, PAUSED),
        /** A scheduled campaign whose segment reaches no one when its time comes. */
        CANCEL_UNREACHABLE(CANCELLED, "only a scheduled campaign is cancelled for reaching no one", SCHEDULED),
        /** Nothing left to send. */
        FINISH(SENT, "only a campaign being sent can finish", SENDING);

        private final CampaignStatus to;
        private final Set<CampaignStatus> from;
        private final String rule;

        Move(CampaignStatus to, String rule, CampaignStatus first, CampaignStatus... others) {
            this.to = to;
            this.rule = rule;
            this.from = EnumSet.of(first, others);
        }

        CampaignStatus to() {
            return to;
        }

        Set<CampaignStatus> from() {
            return from;
        }

        boolean allowedFrom(CampaignStatus status) {
            return from.contains(status);
        }

        /** The answer to this move asked of a campaign in {@code current}, a status it does not start from. */
        ConflictException refused(long id, CampaignStatus current) {
            return new ConflictException("Campaign " + id + " is " + current + ": " + rule + ".", null);
        }
    }
}
