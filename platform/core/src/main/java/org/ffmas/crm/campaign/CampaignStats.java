package org.ffmas.crm.campaign;

/**
 * Where a campaign's deliveries stand.
 *
 * @param queued waiting or being sent
 * @param sent accepted by the mail server (bounced ones included)
 * @param skipped left out after freezing (unsubscribed meanwhile, campaign cancelled)
 */
public record CampaignStats(int total, int queued, int sent, int failed, int bounced, int unsubscribed, int skipped) {}
