package org.ffmas.crm.campaign;

import java.time.Instant;

/**
 * A mailing campaign.
 *
 * @param textTemplate null: the text part is made from the HTML
 */
public record Campaign(long id, String name, String subject, String fromName, String fromAddress, String replyTo, String htmlTemplate,
                       String textTemplate, Segment segment, CampaignStatus status, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                       Long createdBy, Instant createdAt, Instant updatedAt, long version) {}
