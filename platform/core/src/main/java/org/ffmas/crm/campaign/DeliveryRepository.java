package org.ffmas.crm.campaign;

import static org.ffmas.crm.storage.jooq.Tables.CAMPAIGN;
import static org.ffmas.crm.storage.jooq.Tables.CAMPAIGN_DELIVERY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.campaign.Delivery.Status;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.Audience;
import org.ffmas.crm.partner.Audience.AtCompany;
import org.ffmas.crm.storage.jooq.tables.records.CampaignDeliveryRecord;
import org.jooq.CaseWhenStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** Campaigns' deliveries: the dispatch queue, and what became of each message. */
final class DeliveryRepository {

    private final DSLContext db;
    private final Audience audience;

    DeliveryRepository(DSLContext db, Audience audience) {
        this.db = db;
        this.audience = audience;
    }

    // --- dispatch

    /** A claimed delivery with what its message needs. */
    record Claimed(long deliveryId, long campaignId, int attempts, Recipient recipient) {}

    /** Deliveries whose claim expired (the dispatcher stopped or died mid-batch) go back to the queue. */
    int releaseExpired(Instant now) {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.QUEUED.name()).setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.STATUS.eq(Status.SENDING.name()), CAMPAIGN_DELIVERY.LEASE_UNTIL.lt(Clocks.utc(now))).execute();
    }

    /** Every claimed delivery goes back to the queue (at start: the dispatcher that claimed them is gone). */
    int releaseAllClaims() {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.QUEUED.name()).setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.STATUS.eq(Status.SENDING.name())).execute();
    }

    /**
     * Claims up to {@code limit} due deliveries of sending campaigns for {@code leaseSeconds}
     * (rows other dispatchers hold are skipped, not waited for). Call inside a transaction.
     */
    List<Claimed> claim(Instant now, int limit, int leaseSeconds) {
        List<Queued> queued = new ArrayList<>();
        // campaign by campaign (there are few sending at once), in id order along ix_delivery_claim
        for (long campaignId : db.select(CAMPAIGN.ID).from(CAMPAIGN).where(CAMPAIGN.STATUS.eq(CampaignStatus.SENDING.name()))
                .orderBy(CAMPAIGN.ID).fetch(r -> r.value1())) {
            if (queued.size() >= limit) {
                break;
            }
            queued.addAll(db.select(CAMPAIGN_DELIVERY.ID, CAMPAIGN_DELIVERY.ATTEMPTS, CAMPAIGN_DELIVERY.CONTACT_ID, CAMPAIGN_DELIVERY.COMPANY_ID,
                            CAMPAIGN_DELIVERY.EMAIL).from(CAMPAIGN_DELIVERY)
                    .where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId), CAMPAIGN_DELIVERY.STATUS.eq(Status.QUEUED.name()),
                            CAMPAIGN_DELIVERY.NEXT_ATTEMPT_AT.le(Clocks.utc(now)))
                    .orderBy(CAMPAIGN_DELIVERY.ID).limit(limit - queued.size())
                    .forUpdate().skipLocked()
                    .fetch(r -> new Queued(r.value1(), campaignId, r.value2(), new AtCompany(r.value3(), r.value4()), r.value5())));
        }
        if (queued.isEmpty()) {
            return List.of();
        }
        db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.SENDING.name())
                .set(CAMPAIGN_DELIVERY.LEASE_UNTIL, Clocks.utc(now.plusSeconds(leaseSeconds)))
                .where(CAMPAIGN_DELIVERY.ID.in(queued.stream().map(Queued::deliveryId).toList())).execute();
        // what the messages say of the contacts and of the companies they were written to at, for the whole batch at once
        Map<AtCompany, Audience.Member> members = audience.members(queued.stream().map(Queued::contact).toList());
        return queued.stream().filter(q -> members.containsKey(q.contact())).sorted(Comparator.comparingLong(Queued::deliveryId))
                .map(q -> new Claimed(q.deliveryId(), q.campaignId(), q.attempts(), Recipient.of(members.get(q.contact())).at(q.email())))
                .toList();
    }

    /** A delivery taken from the queue, before its contact's fields are read. */
    private record Queued(long deliveryId, long campaignId, int attempts, AtCompany contact, String email) {}

    /**
     * What happened to one claimed delivery; RELEASED puts it back in the queue untouched,
     * DEFERRED back in the queue until {@code nextAttemptAt} without using up an attempt.
     */
    record Outcome(long deliveryId, String status, String reply, Instant nextAttemptAt) {}

    /** Records a batch's outcomes (call inside a transaction): the sent ones in one statement, the others one by one. */
    void record(List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        Map<Long, String> sent = new LinkedHashMap<>();
        List<Query> others = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.status().equals("RELEASED")) {
                released.add(o.deliveryId());
                continue;
            }
            if (o.status().equals("SENT")) {
                sent.put(o.deliveryId(), o.reply() == null ? "" : abbreviate(o.reply(), 500));
                continue;
            }
            boolean deferred = o.status().equals("DEFERRED"); // back to the queue for later, no attempt used
            var u = db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, deferred ? Status.QUEUED.name() : o.status())
                    .setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                    .set(CAMPAIGN_DELIVERY.SMTP_REPLY, o.reply() == null ? CAMPAIGN_DELIVERY.SMTP_REPLY : DSL.val(abbreviate(o.reply(), 500)))
                    .set(CAMPAIGN_DELIVERY.ATTEMPTS, deferred ? CAMPAIGN_DELIVERY.ATTEMPTS : CAMPAIGN_DELIVERY.ATTEMPTS.plus(1));
            if (o.nextAttemptAt() != null) {
                u = u.set(CAMPAIGN_DELIVERY.NEXT_ATTEMPT_AT, Clocks.utc(o.nextAttemptAt()));
            }
            // a delivery skipped meanwhile (unsubscribe) stays skipped
            others.add(u.where(CAMPAIGN_DELIVERY.ID.eq(o.deliveryId()), CAMPAIGN_DELIVERY.STATUS.eq(Status.SENDING.name())));
        }
        if (!sent.isEmpty()) {
            var reply = DSL.choose(CAMPAIGN_DELIVERY.ID);
            CaseWhenStep<Long, String> cases = null;
            for (Map.Entry<Long, String> e : sent.entrySet()) {
                cases = cases == null ? reply.when(e.getKey(), e.getValue()) : cases.when(e.getKey(), e.getValue());
            }
            db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.SENT.name()).setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                    .set(CAMPAIGN_DELIVERY.SENT_AT, Clocks.utc(now)).set(CAMPAIGN_DELIVERY.ATTEMPTS, CAMPAIGN_DELIVERY.ATTEMPTS.plus(1))
                    .set(CAMPAIGN_DELIVERY.SMTP_REPLY, cases.otherwise(CAMPAIGN_DELIVERY.SMTP_REPLY))
                    .where(CAMPAIGN_DELIVERY.ID.in(sent.keySet()), CAMPAIGN_DELIVERY.STATUS.eq(Status.SENDING.name())).execute();
        }
        if (!others.isEmpty()) {
            db.batch(others).execute();
        }
        if (!released.isEmpty()) {
            db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.QUEUED.name()).setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                    .where(CAMPAIGN_DELIVERY.ID.in(released), CAMPAIGN_DELIVERY.STATUS.eq(Status.SENDING.name())).execute();
        }
    }

    /** Skips the queued deliveries of a contact (unsubscribed, bounced); returns how many. */
    int skipPendingOfContact(long contactId, String reason) {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.SKIPPED.name()).set(CAMPAIGN_DELIVERY.SMTP_REPLY, reason)
                .setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.CONTACT_ID.eq(contactId), CAMPAIGN_DELIVERY.STATUS.in(Status.QUEUED.name(), Status.SENDING.name()))
                .execute();
    }

    int skipPendingOfCampaign(long campaignId, String reason) {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.SKIPPED.name()).set(CAMPAIGN_DELIVERY.SMTP_REPLY, reason)
                .setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId), CAMPAIGN_DELIVERY.STATUS.in(Status.QUEUED.name(), Status.SENDING.name()))
                .execute();
    }

    void markUnsubscribed(long deliveryId, Instant now) {
        db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.UNSUBSCRIBED_AT, DSL.coalesce(CAMPAIGN_DELIVERY.UNSUBSCRIBED_AT, DSL.val(Clocks.utc(now))))
                .where(CAMPAIGN_DELIVERY.ID.eq(deliveryId)).execute();
    }

    void markBounced(long deliveryId, String reason) {
        db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, Status.BOUNCED.name())
                .set(CAMPAIGN_DELIVERY.SMTP_REPLY, abbreviate(reason, 500))
                .where(CAMPAIGN_DELIVERY.ID.eq(deliveryId)).execute();
    }

    Optional<Delivery> delivery(long id) {
        return db.selectFrom(CAMPAIGN_DELIVERY).where(CAMPAIGN_DELIVERY.ID.eq(id)).fetchOptional(DeliveryRepository::toDelivery);
    }

    Page<Delivery> deliveries(long campaignId, String status, int page, int size) {
        Condition where = CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId);
        if (status != null) {
            where = where.and(CAMPAIGN_DELIVERY.STATUS.eq(status));
        }
        int total = db.fetchCount(CAMPAIGN_DELIVERY, where);
        List<Delivery> items = db.selectFrom(CAMPAIGN_DELIVERY).where(where).orderBy(CAMPAIGN_DELIVERY.ID).limit(size)
                .offset((page - 1) * size).fetch(DeliveryRepository::toDelivery);
        return new Page<>(items, total, page, size);
    }

    CampaignStats stats(long campaignId) {
        Map<String, Integer> byStatus = new HashMap<>();
        db.select(CAMPAIGN_DELIVERY.STATUS, DSL.count()).from(CAMPAIGN_DELIVERY).where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId))
                .groupBy(CAMPAIGN_DELIVERY.STATUS).fetch().forEach(r -> byStatus.put(r.value1(), r.value2()));
        int unsubscribed = db.fetchCount(CAMPAIGN_DELIVERY, CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId)
                .and(CAMPAIGN_DELIVERY.UNSUBSCRIBED_AT.isNotNull()));
        int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        int bounced = byStatus.getOrDefault(Status.BOUNCED.name(), 0);
        return new CampaignStats(total, byStatus.getOrDefault(Status.QUEUED.name(), 0) + byStatus.getOrDefault(Status.SENDING.name(), 0),
                byStatus.getOrDefault(Status.SENT.name(), 0) + bounced, byStatus.getOrDefault(Status.FAILED.name(), 0), bounced,
                unsubscribed, byStatus.getOrDefault(Status.SKIPPED.name(), 0));
    }

    /** Companies that received the campaign, with how many of their contacts did. */
    Map<Long, Integer> sentByCompany(long campaignId) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        db.select(CAMPAIGN_DELIVERY.COMPANY_ID, DSL.count()).from(CAMPAIGN_DELIVERY)
                .where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId), CAMPAIGN_DELIVERY.STATUS.in(Status.SENT.name(), Status.BOUNCED.name()))
                .groupBy(CAMPAIGN_DELIVERY.COMPANY_ID).fetch().forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private static Delivery toDelivery(CampaignDeliveryRecord r) {
        return new Delivery(r.getId(), r.getCampaignId(), r.getContactId(), r.getCompanyId(), r.getEmail(), r.getStatus(), r.getAttempts(),
                Clocks.instant(r.getNextAttemptAt()), r.getSmtpReply(), Clocks.instant(r.getSentAt()), Clocks.instant(r.getUnsubscribedAt()));
    }

    /** {@code s} cut to a column's {@code max} characters, an ellipsis marking the cut. */
    static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
