package org.ffmas.crm.campaign;

import java.time.Instant;

/**
 * A mailing campaign.
 *
 * @param status DRAFT, SCHEDULED, SENDING, PAUSED, SENT or CANCELLED
 * @param textTemplate null: the text part is made from the HTML
 */
public record Campaign(long id, String name, String subject, String fromName, String fromAddress, String replyTo, String htmlTemplate,
                       String textTemplate, Segment segment, String status, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                       Long createdBy, Instant createdAt, Instant updatedAt, long version) {

    enum Status { DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED }
}
