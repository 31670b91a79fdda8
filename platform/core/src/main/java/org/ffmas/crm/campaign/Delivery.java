package org.ffmas.crm.campaign;

import java.time.Instant;

/**
 * One recipient of a campaign, frozen when it was sent.
 *
 * @param status QUEUED, SENDING (claimed by the dispatcher), SENT, FAILED, BOUNCED or SKIPPED
 * @param smtpReply the mail server's answer (or the reason of a failure or skip)
 */
public record Delivery(long id, long campaignId, long contactId, long companyId, String email, String status, int attempts,
                       Instant nextAttemptAt, String smtpReply, Instant sentAt, Instant unsubscribedAt) {

    enum Status { QUEUED, SENDING, SENT, FAILED, BOUNCED, SKIPPED }
}
