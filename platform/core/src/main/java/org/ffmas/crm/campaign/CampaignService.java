package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.Contact;

/**
 * Campaigns, as the API, the pages and the unsubscribe link use them: writing them
 * ({@link CampaignDrafts}), previewing and testing them ({@link CampaignPreviews}), their life
 * cycle ({@link CampaignLifecycle}) and what recipients do afterwards ({@link RecipientActions}).
 */
public final class CampaignService {

    /** The merge fields templates may use, for the editor's help. */
    public static final List<String> MERGE_FIELDS = new TreeSet<>(Templates.FIELDS).stream().map(f -> "{{" + f + "}}").toList();

    /** The segment's reach: how many addresses, and the first recipients. */
    public record Preview(int count, List<Recipient> sample) {}

    /** A campaign's message as one contact would receive it. */
    public record Rendered(String to, String subject, String html, String text) {}

    private final CampaignDrafts drafts;
    private final CampaignPreviews previews;
    private final CampaignLifecycle lifecycle;
    private final RecipientActions recipients;

    CampaignService(CampaignDrafts drafts, CampaignPreviews previews, CampaignLifecycle lifecycle, RecipientActions recipients) {
        this.drafts = drafts;
        this.previews = previews;
        this.lifecycle = lifecycle;
        this.recipients = recipients;
    }

    // --- writing and reading campaigns

    /** Creates a draft campaign; 400 with every field at fault. */
    public Campaign create(Actor by, NewCampaign campaign) {
        return drafts.create(by, campaign);
    }

    /**
     * The bridge for the UI's campaign form, which builds a campaign's fields as JSON:
     * {@code body} read as {@link NewCampaign#from} reads an API body, then created.
     */
    public Campaign create(Actor by, JsonNode body) {
        return create(by, NewCampaign.from(body));
    }

    /** Changes a draft or scheduled campaign at the version read; 409 when it is stale or no longer editable. */
    public Campaign update(Actor by, long id, CampaignChange change) {
        return drafts.update(by, id, change);
    }

    /** The bridge for the UI's campaign form: {@code body} read as {@link CampaignChange#from}, then applied. */
    public Campaign update(Actor by, long id, JsonNode body) {
        return update(by, id, CampaignChange.from(body));
    }

    /** The domains a campaign may be sent from ({@code mail.allowedFromDomains}), for the editor. */
    public List<String> allowedFromDomains() {
        return drafts.allowedFromDomains();
    }

    /** Whether a campaign may be sent from {@code address}, by the rule create and change check. */
    public boolean fromAllowed(String address) {
        return drafts.fromAllowed(address);
    }

    public Campaign get(long id) {
        return drafts.get(id);
    }

    /** One page of campaigns, the newest first; all statuses when {@code status} is null. */
    public Page<Campaign> list(CampaignStatus status, int page, int size) {
        return drafts.list(status, page, size);
    }

    public CampaignStats stats(long id) {
        return drafts.stats(id);
    }

    public Page<Delivery> deliveries(long id, String status, int page, int size) {
        return drafts.deliveries(id, status, page, size);
    }

    // --- before sending

    public Preview previewSegment(JsonNode segment) {
        return previews.previewSegment(segment);
    }

    public Rendered preview(long id, long contactId) {
        return previews.preview(id, contactId);
    }

    /** Sends the campaign's message now to one address (a contact's values when {@code contactId} is given). */
    public String test(Actor by, long id, String to, Long contactId) throws MailFailure {
        return previews.test(by, id, to, contactId);
    }

    // --- life cycle

    /** Freezes the recipients and starts sending now. */
    public Campaign send(Actor by, long id) {
        return lifecycle.send(by, id);
    }

    public Campaign schedule(Actor by, long id, String at) {
        return lifecycle.schedule(by, id, at);
    }

    public Campaign pause(Actor by, long id) {
        return lifecycle.pause(by, id);
    }

    public Campaign resume(Actor by, long id) {
        return lifecycle.resume(by, id);
    }

    public Campaign cancel(Actor by, long id) {
        return lifecycle.cancel(by, id);
    }

    /** The bounce reports set aside because they did not carry their delivery's bounce tag, the newest first. */
    public Page<UnverifiedBounce> unverifiedBounces(int page, int size) {
        return recipients.unverifiedBounces(page, size);
    }

    // --- the unsubscribe link

    /** The delivery an unsubscribe token names (0 for a test message), if the token is genuine. */
    OptionalLong verify(String token) {
        return recipients.verify(token);
    }

    /** Unsubscribes the contact a delivery went to, at once; its pending deliveries are skipped. Returns the contact. */
    Contact unsubscribe(long deliveryId, String how) {
        return recipients.unsubscribe(deliveryId, how);
    }
}
