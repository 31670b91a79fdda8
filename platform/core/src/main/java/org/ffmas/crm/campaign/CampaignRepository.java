package org.ffmas.crm.campaign;

import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT;
import static org.ffmas.crm.storage.jooq.Tables.CAMPAIGN;
import static org.ffmas.crm.storage.jooq.Tables.CAMPAIGN_DELIVERY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_INBOUND;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_SUPPRESSION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.storage.jooq.tables.records.CampaignDeliveryRecord;
import org.ffmas.crm.storage.jooq.tables.records.CampaignRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record9;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;

/** Campaigns, their deliveries (the dispatch queue), suppressed addresses and processed inbound mail. */
public final class CampaignRepository {

    private final DSLContext db;

    public CampaignRepository(DSLContext db) {
        this.db = db;
    }

    // --- campaigns

    long insert(CampaignDraft d, Long createdBy, Instant now) {
        return db.insertInto(CAMPAIGN).set(CAMPAIGN.NAME, d.name).set(CAMPAIGN.SUBJECT, d.subject).set(CAMPAIGN.FROM_NAME, d.fromName)
                .set(CAMPAIGN.FROM_ADDRESS, d.fromAddress).set(CAMPAIGN.REPLY_TO, d.replyTo).set(CAMPAIGN.HTML_TEMPLATE, d.htmlTemplate)
                .set(CAMPAIGN.TEXT_TEMPLATE, d.textTemplate).set(CAMPAIGN.SEGMENT_JSON, d.segment.toJson()).set(CAMPAIGN.STATUS, "DRAFT")
                .set(CAMPAIGN.CREATED_BY, createdBy).set(CAMPAIGN.CREATED_AT, Clocks.utc(now)).set(CAMPAIGN.UPDATED_AT, Clocks.utc(now))
                .returningResult(CAMPAIGN.ID).fetchOne().value1();
    }

    boolean update(long id, long version, CampaignDraft d, Instant now) {
        return db.update(CAMPAIGN).set(CAMPAIGN.NAME, d.name).set(CAMPAIGN.SUBJECT, d.subject).set(CAMPAIGN.FROM_NAME, d.fromName)
                .set(CAMPAIGN.FROM_ADDRESS, d.fromAddress).set(CAMPAIGN.REPLY_TO, d.replyTo).set(CAMPAIGN.HTML_TEMPLATE, d.htmlTemplate)
                .set(CAMPAIGN.TEXT_TEMPLATE, d.textTemplate).set(CAMPAIGN.SEGMENT_JSON, d.segment.toJson())
                .set(CAMPAIGN.UPDATED_AT, Clocks.utc(now)).set(CAMPAIGN.VERSION, CAMPAIGN.VERSION.plus(1))
                .where(CAMPAIGN.ID.eq(id), CAMPAIGN.VERSION.eq(version)).execute() == 1;
    }

    /** Moves a campaign from one of {@code from} to {@code to}; false when it was not in one of them. */
    boolean move(long id, List<String> from, String to, Instant scheduledAt, Instant now) {
        var update = db.update(CAMPAIGN).set(CAMPAIGN.STATUS, to).set(CAMPAIGN.UPDATED_AT, Clocks.utc(now))
                .set(CAMPAIGN.VERSION, CAMPAIGN.VERSION.plus(1));
        if (to.equals("SCHEDULED")) {
            update = update.set(CAMPAIGN.SCHEDULED_AT, Clocks.utc(scheduledAt));
        }
        if (to.equals("SENDING")) {
            update = update.set(CAMPAIGN.STARTED_AT, DSL.coalesce(CAMPAIGN.STARTED_AT, DSL.val(Clocks.utc(now))));
        }
        if (to.equals("SENT") || to.equals("CANCELLED")) {
            update = update.set(CAMPAIGN.FINISHED_AT, Clocks.utc(now));
        }
        return update.where(CAMPAIGN.ID.eq(id), CAMPAIGN.STATUS.in(from)).execute() == 1;
    }

    Optional<Campaign> find(long id) {
        return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).fetchOptional(CampaignRepository::toCampaign);
    }

    /** Locks the campaign's row for the rest of the transaction. */
    Optional<Campaign> lock(long id) {
        return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).forUpdate().fetchOptional(CampaignRepository::toCampaign);
    }

    Page<Campaign> list(String status, int page, int size) {
        Condition where = status == null ? DSL.noCondition() : CAMPAIGN.STATUS.eq(status);
        int total = db.fetchCount(CAMPAIGN, where);
        List<Campaign> items = db.selectFrom(CAMPAIGN).where(where).orderBy(CAMPAIGN.ID.desc()).limit(size).offset((page - 1) * size)
                .fetch(CampaignRepository::toCampaign);
        return new Page<>(items, total, page, size);
    }

    List<Long> dueScheduled(Instant now) {
        return db.select(CAMPAIGN.ID).from(CAMPAIGN).where(CAMPAIGN.STATUS.eq("SCHEDULED"), CAMPAIGN.SCHEDULED_AT.le(Clocks.utc(now)))
                .fetch(r -> r.value1());
    }

    /** Sending campaigns with nothing left to send. */
    List<Long> finishedSending() {
        var pending = DSL.selectOne().from(CAMPAIGN_DELIVERY).where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(CAMPAIGN.ID),
                CAMPAIGN_DELIVERY.STATUS.in("QUEUED", "SENDING"));
        return db.select(CAMPAIGN.ID).from(CAMPAIGN).where(CAMPAIGN.STATUS.eq("SENDING"), DSL.notExists(pending)).fetch(r -> r.value1());
    }

    // --- segments

    private Condition segment(Segment s) {
        Condition where = CONTACT.ARCHIVED_AT.isNull().and(CONTACT.EMAIL.isNotNull())
                .and(CONTACT.EMAIL_STATUS.notIn("UNSUBSCRIBED", "BOUNCED"))
                .and(COMPANY.MERGED_INTO_ID.isNull())
                .and(DSL.notExists(DSL.selectOne().from(MAIL_SUPPRESSION)
                        .where(MAIL_SUPPRESSION.EMAIL.eq(CONTACT.EMAIL), MAIL_SUPPRESSION.SUPPRESSED.isTrue())));
        if (s.companyStatus() != null) {
            where = where.and(COMPANY.STATUS.in(s.companyStatus()));
        } else {
            where = where.and(COMPANY.STATUS.ne("ARCHIVED"));
        }
        if (s.tags() != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(COMPANY_TAG).where(COMPANY_TAG.COMPANY_ID.eq(COMPANY.ID), COMPANY_TAG.TAG.in(s.tags()))));
        }
        Condition active = AGREEMENT.COMPANY_ID.eq(COMPANY.ID).and(AGREEMENT.STATUS.eq("ACTIVE"));
        if (s.tiers() != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(AGREEMENT).where(active, AGREEMENT.TIER.in(s.tiers()))));
        }
        if (s.kinds() != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(AGREEMENT).where(active, AGREEMENT.KIND.in(s.kinds()))));
        }
        if (s.hasActiveAgreement() != null) {
            var any = DSL.exists(DSL.selectOne().from(AGREEMENT).where(active));
            where = where.and(s.hasActiveAgreement() ? any : DSL.not(any));
        }
        if (s.functions() != null) {
            where = where.and(CONTACT.JOB_FUNCTION.in(s.functions()));
        }
        if (s.departments() != null) {
            where = where.and(COMPANY.DEPARTMENT.in(s.departments()));
        }
        if (s.languages() != null) {
            where = where.and(CONTACT.LANGUAGE.in(s.languages()));
        }
        if (s.contactIds() != null) {
            where = where.and(CONTACT.ID.in(s.contactIds()));
        }
        return where;
    }

    private SelectConditionStep<Record9<Long, Long, String, String, String, String, String, String, String>> recipients(Condition where) {
        return db.select(CONTACT.ID, CONTACT.COMPANY_ID, CONTACT.EMAIL, CONTACT.CIVILITY, CONTACT.FIRST_NAME, CONTACT.LAST_NAME,
                        CONTACT.JOB_TITLE, COMPANY.LEGAL_NAME, COMPANY.CITY)
                .from(CONTACT).join(COMPANY).on(COMPANY.ID.eq(CONTACT.COMPANY_ID)).where(where);
    }

    /** How many addresses the segment reaches (one message per address). */
    int countRecipients(Segment s) {
        return db.select(DSL.countDistinct(CONTACT.EMAIL)).from(CONTACT).join(COMPANY).on(COMPANY.ID.eq(CONTACT.COMPANY_ID))
                .where(segment(s)).fetchOne().value1();
    }

    List<Recipient> sample(Segment s, int limit) {
        return recipients(segment(s)).orderBy(CONTACT.ID).limit(limit).fetch(CampaignRepository::toRecipient);
    }

    Optional<Recipient> recipient(long contactId) {
        return recipients(CONTACT.ID.eq(contactId)).fetchOptional(CampaignRepository::toRecipient);
    }

    /** Freezes the segment into one queued delivery per address (the lowest contact id wins); returns how many. */
    int freeze(long campaignId, Segment s, Instant now) {
        return db.insertInto(CAMPAIGN_DELIVERY, CAMPAIGN_DELIVERY.CAMPAIGN_ID, CAMPAIGN_DELIVERY.CONTACT_ID, CAMPAIGN_DELIVERY.COMPANY_ID,
                        CAMPAIGN_DELIVERY.EMAIL, CAMPAIGN_DELIVERY.STATUS, CAMPAIGN_DELIVERY.NEXT_ATTEMPT_AT)
                .select(DSL.select(DSL.val(campaignId), CONTACT.ID, CONTACT.COMPANY_ID, CONTACT.EMAIL, DSL.val("QUEUED"), DSL.val(Clocks.utc(now)))
                        .from(CONTACT).join(COMPANY).on(COMPANY.ID.eq(CONTACT.COMPANY_ID)).where(segment(s)).orderBy(CONTACT.ID))
                .onDuplicateKeyIgnore().execute();
    }

    private static Recipient toRecipient(org.jooq.Record r) {
        return new Recipient(r.get(CONTACT.ID), r.get(CONTACT.COMPANY_ID), r.get(CONTACT.EMAIL), r.get(CONTACT.CIVILITY), r.get(CONTACT.FIRST_NAME),
                r.get(CONTACT.LAST_NAME), r.get(CONTACT.JOB_TITLE), r.get(COMPANY.LEGAL_NAME), r.get(COMPANY.CITY));
    }

    // --- dispatch

    /** A claimed delivery with what its message needs. */
    record Claimed(long deliveryId, long campaignId, int attempts, Recipient recipient) {}

    /** Deliveries whose claim expired (the dispatcher stopped or died mid-batch) go back to the queue. */
    int releaseExpired(Instant now) {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "QUEUED").setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.STATUS.eq("SENDING"), CAMPAIGN_DELIVERY.LEASE_UNTIL.lt(Clocks.utc(now))).execute();
    }

    /** Every claimed delivery goes back to the queue (at start: the dispatcher that claimed them is gone). */
    int releaseAllClaims() {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "QUEUED").setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.STATUS.eq("SENDING")).execute();
    }

    /**
     * Claims up to {@code limit} due deliveries of sending campaigns for {@code leaseSeconds}
     * (rows other dispatchers hold are skipped, not waited for). Call inside a transaction.
     */
    List<Claimed> claim(Instant now, int limit, int leaseSeconds) {
        List<Long> ids = new ArrayList<>();
        // campaign by campaign (there are few sending at once), in id order along ix_delivery_claim
        for (long campaignId : db.select(CAMPAIGN.ID).from(CAMPAIGN).where(CAMPAIGN.STATUS.eq("SENDING")).orderBy(CAMPAIGN.ID).fetch(r -> r.value1())) {
            if (ids.size() >= limit) {
                break;
            }
            ids.addAll(db.select(CAMPAIGN_DELIVERY.ID).from(CAMPAIGN_DELIVERY)
                    .where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId), CAMPAIGN_DELIVERY.STATUS.eq("QUEUED"),
                            CAMPAIGN_DELIVERY.NEXT_ATTEMPT_AT.le(Clocks.utc(now)))
                    .orderBy(CAMPAIGN_DELIVERY.ID).limit(limit - ids.size())
                    .forUpdate().skipLocked().fetch(r -> r.value1()));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "SENDING")
                .set(CAMPAIGN_DELIVERY.LEASE_UNTIL, Clocks.utc(now.plusSeconds(leaseSeconds))).where(CAMPAIGN_DELIVERY.ID.in(ids)).execute();
        return db.select(CAMPAIGN_DELIVERY.ID, CAMPAIGN_DELIVERY.CAMPAIGN_ID, CAMPAIGN_DELIVERY.ATTEMPTS, CONTACT.ID, CONTACT.COMPANY_ID,
                        CAMPAIGN_DELIVERY.EMAIL, CONTACT.CIVILITY, CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.JOB_TITLE, COMPANY.LEGAL_NAME,
                        COMPANY.CITY, CONTACT.EMAIL_STATUS)
                .from(CAMPAIGN_DELIVERY).join(CONTACT).on(CONTACT.ID.eq(CAMPAIGN_DELIVERY.CONTACT_ID))
                .join(COMPANY).on(COMPANY.ID.eq(CAMPAIGN_DELIVERY.COMPANY_ID))
                .where(CAMPAIGN_DELIVERY.ID.in(ids)).orderBy(CAMPAIGN_DELIVERY.ID)
                .fetch(r -> new Claimed(r.get(CAMPAIGN_DELIVERY.ID), r.get(CAMPAIGN_DELIVERY.CAMPAIGN_ID), r.get(CAMPAIGN_DELIVERY.ATTEMPTS),
                        new Recipient(r.get(CONTACT.ID), r.get(CONTACT.COMPANY_ID), r.get(CAMPAIGN_DELIVERY.EMAIL), r.get(CONTACT.CIVILITY),
                                r.get(CONTACT.FIRST_NAME), r.get(CONTACT.LAST_NAME), r.get(CONTACT.JOB_TITLE), r.get(COMPANY.LEGAL_NAME),
                                r.get(COMPANY.CITY))));
    }

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
        Map<Long, String> sent = new java.util.LinkedHashMap<>();
        List<org.jooq.Query> others = new ArrayList<>();
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
            var u = db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, deferred ? "QUEUED" : o.status())
                    .setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                    .set(CAMPAIGN_DELIVERY.SMTP_REPLY, o.reply() == null ? CAMPAIGN_DELIVERY.SMTP_REPLY : DSL.val(abbreviate(o.reply(), 500)))
                    .set(CAMPAIGN_DELIVERY.ATTEMPTS, deferred ? CAMPAIGN_DELIVERY.ATTEMPTS : CAMPAIGN_DELIVERY.ATTEMPTS.plus(1));
            if (o.nextAttemptAt() != null) {
                u = u.set(CAMPAIGN_DELIVERY.NEXT_ATTEMPT_AT, Clocks.utc(o.nextAttemptAt()));
            }
            // a delivery skipped meanwhile (unsubscribe) stays skipped
            others.add(u.where(CAMPAIGN_DELIVERY.ID.eq(o.deliveryId()), CAMPAIGN_DELIVERY.STATUS.eq("SENDING")));
        }
        if (!sent.isEmpty()) {
            var reply = DSL.choose(CAMPAIGN_DELIVERY.ID);
            org.jooq.CaseWhenStep<Long, String> cases = null;
            for (Map.Entry<Long, String> e : sent.entrySet()) {
                cases = cases == null ? reply.when(e.getKey(), e.getValue()) : cases.when(e.getKey(), e.getValue());
            }
            db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "SENT").setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                    .set(CAMPAIGN_DELIVERY.SENT_AT, Clocks.utc(now)).set(CAMPAIGN_DELIVERY.ATTEMPTS, CAMPAIGN_DELIVERY.ATTEMPTS.plus(1))
                    .set(CAMPAIGN_DELIVERY.SMTP_REPLY, cases.otherwise(CAMPAIGN_DELIVERY.SMTP_REPLY))
                    .where(CAMPAIGN_DELIVERY.ID.in(sent.keySet()), CAMPAIGN_DELIVERY.STATUS.eq("SENDING")).execute();
        }
        if (!others.isEmpty()) {
            db.batch(others).execute();
        }
        if (!released.isEmpty()) {
            db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "QUEUED").setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                    .where(CAMPAIGN_DELIVERY.ID.in(released), CAMPAIGN_DELIVERY.STATUS.eq("SENDING")).execute();
        }
    }

    /** Skips the queued deliveries of a contact (unsubscribed, bounced); returns how many. */
    int skipPendingOfContact(long contactId, String reason) {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "SKIPPED").set(CAMPAIGN_DELIVERY.SMTP_REPLY, reason)
                .setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.CONTACT_ID.eq(contactId), CAMPAIGN_DELIVERY.STATUS.in("QUEUED", "SENDING")).execute();
    }

    int skipPendingOfCampaign(long campaignId, String reason) {
        return db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "SKIPPED").set(CAMPAIGN_DELIVERY.SMTP_REPLY, reason)
                .setNull(CAMPAIGN_DELIVERY.LEASE_UNTIL)
                .where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId), CAMPAIGN_DELIVERY.STATUS.in("QUEUED", "SENDING")).execute();
    }

    void markUnsubscribed(long deliveryId, Instant now) {
        db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.UNSUBSCRIBED_AT, DSL.coalesce(CAMPAIGN_DELIVERY.UNSUBSCRIBED_AT, DSL.val(Clocks.utc(now))))
                .where(CAMPAIGN_DELIVERY.ID.eq(deliveryId)).execute();
    }

    void markBounced(long deliveryId, String reason) {
        db.update(CAMPAIGN_DELIVERY).set(CAMPAIGN_DELIVERY.STATUS, "BOUNCED").set(CAMPAIGN_DELIVERY.SMTP_REPLY, abbreviate(reason, 500))
                .where(CAMPAIGN_DELIVERY.ID.eq(deliveryId)).execute();
    }

    Optional<Delivery> delivery(long id) {
        return db.selectFrom(CAMPAIGN_DELIVERY).where(CAMPAIGN_DELIVERY.ID.eq(id)).fetchOptional(CampaignRepository::toDelivery);
    }

    Page<Delivery> deliveries(long campaignId, String status, int page, int size) {
        Condition where = CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId);
        if (status != null) {
            where = where.and(CAMPAIGN_DELIVERY.STATUS.eq(status));
        }
        int total = db.fetchCount(CAMPAIGN_DELIVERY, where);
        List<Delivery> items = db.selectFrom(CAMPAIGN_DELIVERY).where(where).orderBy(CAMPAIGN_DELIVERY.ID).limit(size)
                .offset((page - 1) * size).fetch(CampaignRepository::toDelivery);
        return new Page<>(items, total, page, size);
    }

    CampaignStats stats(long campaignId) {
        Map<String, Integer> byStatus = new java.util.HashMap<>();
        db.select(CAMPAIGN_DELIVERY.STATUS, DSL.count()).from(CAMPAIGN_DELIVERY).where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId))
                .groupBy(CAMPAIGN_DELIVERY.STATUS).fetch().forEach(r -> byStatus.put(r.value1(), r.value2()));
        int unsubscribed = db.fetchCount(CAMPAIGN_DELIVERY, CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId)
                .and(CAMPAIGN_DELIVERY.UNSUBSCRIBED_AT.isNotNull()));
        int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        int bounced = byStatus.getOrDefault("BOUNCED", 0);
        return new CampaignStats(total, byStatus.getOrDefault("QUEUED", 0) + byStatus.getOrDefault("SENDING", 0),
                byStatus.getOrDefault("SENT", 0) + bounced, byStatus.getOrDefault("FAILED", 0), bounced, unsubscribed,
                byStatus.getOrDefault("SKIPPED", 0));
    }

    /** Companies that received the campaign, with how many of their contacts did. */
    Map<Long, Integer> sentByCompany(long campaignId) {
        Map<Long, Integer> out = new java.util.LinkedHashMap<>();
        db.select(CAMPAIGN_DELIVERY.COMPANY_ID, DSL.count()).from(CAMPAIGN_DELIVERY)
                .where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(campaignId), CAMPAIGN_DELIVERY.STATUS.in("SENT", "BOUNCED"))
                .groupBy(CAMPAIGN_DELIVERY.COMPANY_ID).fetch().forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    // --- suppression and inbound mail

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

    boolean isSuppressed(String email) {
        return db.fetchExists(MAIL_SUPPRESSION, MAIL_SUPPRESSION.EMAIL.eq(email).and(MAIL_SUPPRESSION.SUPPRESSED.isTrue()));
    }

    boolean inboundSeen(String key) {
        return db.fetchExists(MAIL_INBOUND, MAIL_INBOUND.MESSAGE_KEY.eq(key));
    }

    void inbound(String key, String outcome, Long deliveryId, Instant now) {
        db.insertInto(MAIL_INBOUND).set(MAIL_INBOUND.MESSAGE_KEY, abbreviate(key, 255)).set(MAIL_INBOUND.OUTCOME, outcome)
                .set(MAIL_INBOUND.DELIVERY_ID, deliveryId).set(MAIL_INBOUND.PROCESSED_AT, Clocks.utc(now)).onDuplicateKeyIgnore().execute();
    }

    private static Campaign toCampaign(CampaignRecord r) {
        return new Campaign(r.getId(), r.getName(), r.getSubject(), r.getFromName(), r.getFromAddress(), r.getReplyTo(), r.getHtmlTemplate(),
                r.getTextTemplate(), Segment.fromJson(r.getSegmentJson()), r.getStatus(), Clocks.instant(r.getScheduledAt()),
                Clocks.instant(r.getStartedAt()), Clocks.instant(r.getFinishedAt()), r.getCreatedBy(), Clocks.instant(r.getCreatedAt()),
                Clocks.instant(r.getUpdatedAt()), r.getVersion());
    }

    private static Delivery toDelivery(CampaignDeliveryRecord r) {
        return new Delivery(r.getId(), r.getCampaignId(), r.getContactId(), r.getCompanyId(), r.getEmail(), r.getStatus(), r.getAttempts(),
                Clocks.instant(r.getNextAttemptAt()), r.getSmtpReply(), Clocks.instant(r.getSentAt()), Clocks.instant(r.getUnsubscribedAt()));
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
