package org.ffmas.crm.campaign;

import java.time.Instant;
import java.util.List;

/**
 * A bounce report set aside because the Message-ID it quotes lacks the delivery's bounce tag (or
 * has a wrong one): it suppressed no one. Genuine reports of mail sent before bounce tags existed
 * land here too.
 *
 * @param messageKey the report's own Message-ID (or mailbox id)
 * @param from who sent the report
 * @param campaignId the campaign it names
 * @param deliveryId the delivery it names
 * @param recipients the addresses it reports on
 * @param reason its status code and diagnostic
 */
public record UnverifiedBounce(long id, String messageKey, String from, Long campaignId, Long deliveryId, List<String> recipients,
                               String reason, Instant receivedAt) {}
