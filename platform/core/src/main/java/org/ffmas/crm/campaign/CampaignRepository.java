package org.ffmas.crm.campaign;

import static org.ffmas.crm.storage.jooq.Tables.CAMPAIGN;
import static org.ffmas.crm.storage.jooq.Tables.CAMPAIGN_DELIVERY;
import static org.ffmas.crm.storage.jooq.Tables.MAIL_SUPPRESSION;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.campaign.Delivery.Status;
import org.ffmas.crm.agreement.ActiveAgreements;
import org.ffmas.crm.campaign.CampaignStatus.Move;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.Audience;
import org.ffmas.crm.storage.jooq.tables.records.CampaignRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Campaigns, and whom their segments reach: the contacts come from the partner's {@link Audience},
 * narrowed by the agreements' {@link ActiveAgreements} and by the addresses suppressed here.
 */
public final class CampaignRepository {

    private final DSLContext db;
    private final Audience audience;

    public CampaignRepository(DSLContext db, Audience audience) {
        this.db = db;
        this.audience = audience;
    }

    // --- campaigns

    long insert(CampaignDraft d, Long createdBy, Instant now) {
        return db.insertInto(CAMPAIGN).set(CAMPAIGN.NAME, d.name).set(CAMPAIGN.SUBJECT, d.subject).set(CAMPAIGN.FROM_NAME, d.fromName)
                .set(CAMPAIGN.FROM_ADDRESS, d.fromAddress).set(CAMPAIGN.REPLY_TO, d.replyTo).set(CAMPAIGN.HTML_TEMPLATE, d.htmlTemplate)
                .set(CAMPAIGN.TEXT_TEMPLATE, d.textTemplate).set(CAMPAIGN.SEGMENT_JSON, d.segment.toJson())
                .set(CAMPAIGN.STATUS, CampaignStatus.DRAFT.name())
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

    /** Makes the move if the campaign is in one of the statuses it starts from; false when it was not. */
    boolean move(long id, Move move, Instant scheduledAt, Instant now) {
        CampaignStatus to = move.to();
        var update = db.update(CAMPAIGN).set(CAMPAIGN.STATUS, to.name()).set(CAMPAIGN.UPDATED_AT, Clocks.utc(now))
                .set(CAMPAIGN.VERSION, CAMPAIGN.VERSION.plus(1));
        if (to == CampaignStatus.SCHEDULED) {
            update = update.set(CAMPAIGN.SCHEDULED_AT, Clocks.utc(scheduledAt));
        }
        if (to == CampaignStatus.SENDING) {
            update = update.set(CAMPAIGN.STARTED_AT, DSL.coalesce(CAMPAIGN.STARTED_AT, DSL.val(Clocks.utc(now))));
        }
        if (to == CampaignStatus.SENT || to == CampaignStatus.CANCELLED) {
            update = update.set(CAMPAIGN.FINISHED_AT, Clocks.utc(now));
        }
        return update.where(CAMPAIGN.ID.eq(id), CAMPAIGN.STATUS.in(move.from().stream().map(CampaignStatus::name).toList()))
                .execute() == 1;
    }

    Optional<Campaign> find(long id) {
        return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).fetchOptional(CampaignRepository::toCampaign);
    }

    /** Locks the campaign's row for the rest of the transaction. */
    Optional<Campaign> lock(long id) {
        return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).forUpdate().fetchOptional(CampaignRepository::toCampaign);
    }

    Page<Campaign> list(CampaignStatus status, int page, int size) {
        Condition where = status == null ? DSL.noCondition() : CAMPAIGN.STATUS.eq(status.name());
        int total = db.fetchCount(CAMPAIGN, where);
        List<Campaign> items = db.selectFrom(CAMPAIGN).where(where).orderBy(CAMPAIGN.ID.desc()).limit(size).offset((page - 1) * size)
                .fetch(CampaignRepository::toCampaign);
        return new Page<>(items, total, page, size);
    }

    List<Long> dueScheduled(Instant now) {
        return db.select(CAMPAIGN.ID).from(CAMPAIGN)
                .where(CAMPAIGN.STATUS.eq(CampaignStatus.SCHEDULED.name()), CAMPAIGN.SCHEDULED_AT.le(Clocks.utc(now)))
                .fetch(r -> r.value1());
    }

    /** Sending campaigns with nothing left to send. */
    List<Long> finishedSending() {
        var pending = DSL.selectOne().from(CAMPAIGN_DELIVERY).where(CAMPAIGN_DELIVERY.CAMPAIGN_ID.eq(CAMPAIGN.ID),
                CAMPAIGN_DELIVERY.STATUS.in(Status.QUEUED.name(), Status.SENDING.name()));
        return db.select(CAMPAIGN.ID).from(CAMPAIGN).where(CAMPAIGN.STATUS.eq(CampaignStatus.SENDING.name()), DSL.notExists(pending))
                .fetch(r -> r.value1());
    }

    // --- whom segments reach

    /** The segment as the partner's audience criteria; suppressed addresses are always left out. */
    private static Audience.Criteria criteria(Segment s) {
        return new Audience.Criteria(s.companyStatus(), s.tags(), s.functions(), s.departments(), s.languages(), s.contactIds(),
                company -> ActiveAgreements.of(company, s.tiers(), s.kinds(), s.hasActiveAgreement()),
                email -> DSL.notExists(DSL.selectOne().from(MAIL_SUPPRESSION)
                        .where(MAIL_SUPPRESSION.EMAIL.eq(email), MAIL_SUPPRESSION.SUPPRESSED.isTrue())));
    }

    /** How many addresses the segment reaches (one message per address). */
    int countRecipients(Segment s) {
        return audience.countAddresses(criteria(s));
    }

    List<Recipient> sample(Segment s, int limit) {
        return audience.sample(criteria(s), limit).stream().map(Recipient::of).toList();
    }

    Optional<Recipient> recipient(long contactId) {
        return audience.member(contactId).map(Recipient::of);
    }

    /** Freezes the segment into one queued delivery per address (the lowest contact id wins); returns how many. */
    int freeze(long campaignId, Segment s, Instant now) {
        return db.insertInto(CAMPAIGN_DELIVERY, List.of(CAMPAIGN_DELIVERY.CONTACT_ID, CAMPAIGN_DELIVERY.COMPANY_ID, CAMPAIGN_DELIVERY.EMAIL,
                        CAMPAIGN_DELIVERY.CAMPAIGN_ID, CAMPAIGN_DELIVERY.STATUS, CAMPAIGN_DELIVERY.NEXT_ATTEMPT_AT))
                .select(audience.addresses(criteria(s), DSL.val(campaignId), DSL.val(Status.QUEUED.name()), DSL.val(Clocks.utc(now))))
                .onDuplicateKeyIgnore().execute();
    }

    private static Campaign toCampaign(CampaignRecord r) {
        return new Campaign(r.getId(), r.getName(), r.getSubject(), r.getFromName(), r.getFromAddress(), r.getReplyTo(), r.getHtmlTemplate(),
                r.getTextTemplate(), Segment.fromJson(r.getSegmentJson()), CampaignStatus.valueOf(r.getStatus()),
                Clocks.instant(r.getScheduledAt()), Clocks.instant(r.getStartedAt()), Clocks.instant(r.getFinishedAt()), r.getCreatedBy(),
                Clocks.instant(r.getCreatedAt()), Clocks.instant(r.getUpdatedAt()), r.getVersion());
    }
}
