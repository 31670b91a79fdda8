package org.ffmas.crm.campaign;

import static org.ffmas.crm.campaign.DeliveryRepository.abbreviate;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_INBOUND;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_SUPPRESSION;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_UNVERIFIED_BOUNCE;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.jooq.DSLContext;

/** Addresses no campaign may write to again (bounces), the inbound messages already processed, and the bounces set aside. */
final class MailboxRepository {

    private final DSLContext db;

    MailboxRepository(DSLContext db) {
        this.db = db;
    }

    /** Suppresses an address for good. */
    void suppress(String email, String reason, Instant now) {
        db.insertInto(MAIL_SUPPRESSION).set(MAIL_SUPPRESSION.EMAIL, email).set(MAIL_SUPPRESSION.SUPPRESSED, true)
                .set(MAIL_SUPPRESSION.REASON, abbreviate(reason, 300)).set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(MAIL_SUPPRESSION.SUPPRESSED, true).set(MAIL_SUPPRESSION.REASON, abbreviate(reason, 300))
                .set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now)).execute();
    }

    /** Counts a soft bounce; returns the address's count. */
    int softBounce(String email, Instant now) {
        db.insertInto(MAIL_SUPPRESSION).set(MAIL_SUPPRESSION.EMAIL, email).set(MAIL_SUPPRESSION.SOFT_BOUNCES, 1)
                .set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(MAIL_SUPPRESSION.SOFT_BOUNCES, MAIL_SUPPRESSION.SOFT_BOUNCES.plus(1))
                .set(MAIL_SUPPRESSION.UPDATED_AT, Clocks.utc(now)).execute();
        return db.select(MAIL_SUPPRESSION.SOFT_BOUNCES).from(MAIL_SUPPRESSION).where(MAIL_SUPPRESSION.EMAIL.eq(email)).fetchOne().value1();
    }

    boolean inboundSeen(String key) {
        return db.fetchExists(MAIL_INBOUND, MAIL_INBOUND.MESSAGE_KEY.eq(key));
    }

    void inbound(String key, String outcome, Long deliveryId, Instant now) {
        db.insertInto(MAIL_INBOUND).set(MAIL_INBOUND.MESSAGE_KEY, abbreviate(key, 255)).set(MAIL_INBOUND.OUTCOME, outcome)
                .set(MAIL_INBOUND.DELIVERY_ID, deliveryId).set(MAIL_INBOUND.PROCESSED_AT, Clocks.utc(now)).onDuplicateKeyIgnore().execute();
    }

    /** Whether an address is suppressed (bounced for good). */
    boolean suppressed(String email) {
        return db.fetchExists(MAIL_SUPPRESSION, MAIL_SUPPRESSION.EMAIL.eq(email), MAIL_SUPPRESSION.SUPPRESSED.isTrue());
    }

    void unverifiedBounce(RecipientActions.BounceReport r, Instant now) {
        db.insertInto(MAIL_UNVERIFIED_BOUNCE).set(MAIL_UNVERIFIED_BOUNCE.MESSAGE_KEY, abbreviate(r.messageKey(), 255))
                .set(MAIL_UNVERIFIED_BOUNCE.FROM_ADDRESS, abbreviate(r.from(), 254))
                .set(MAIL_UNVERIFIED_BOUNCE.CAMPAIGN_ID, r.campaignId()).set(MAIL_UNVERIFIED_BOUNCE.DELIVERY_ID, r.deliveryId())
                .set(MAIL_UNVERIFIED_BOUNCE.RECIPIENTS, abbreviate(String.join(" ", r.recipients()), 1000))
                .set(MAIL_UNVERIFIED_BOUNCE.REASON, abbreviate(r.reason(), 500)).set(MAIL_UNVERIFIED_BOUNCE.RECEIVED_AT, Clocks.utc(now))
                .execute();
    }

    Page<UnverifiedBounce> unverifiedBounces(int page, int size) {
        int total = db.fetchCount(MAIL_UNVERIFIED_BOUNCE);
        List<UnverifiedBounce> items = db.selectFrom(MAIL_UNVERIFIED_BOUNCE).orderBy(MAIL_UNVERIFIED_BOUNCE.ID.desc()).limit(size)
                .offset((page - 1) * size).fetch(r -> new UnverifiedBounce(r.getId(), r.getMessageKey(), r.getFromAddress(), r.getCampaignId(),
                        r.getDeliveryId(), r.getRecipients() == null || r.getRecipients().isBlank() ? List.of()
                                : Arrays.asList(r.getRecipients().split(" ")), r.getReason(), Clocks.instant(r.getReceivedAt())));
        return new Page<>(items, total, page, size);
    }
}
