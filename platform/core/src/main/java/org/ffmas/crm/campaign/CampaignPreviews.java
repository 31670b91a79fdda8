package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.campaign.CampaignService.Preview;
import org.ffmas.crm.campaign.CampaignService.Rendered;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a campaign would do before it is sent: whom its segment reaches, its message as rendered, a test message. */
final class CampaignPreviews {

    private static final Logger log = LoggerFactory.getLogger(CampaignPreviews.class);
    /** How many of a segment's recipients its preview shows. */
    private static final int SAMPLE = 10;

    private final CampaignRepository repository;
    private final CampaignDrafts drafts;
    private final MessageComposer composer;
    private final MailChannels channels;
    private final TestSends testSends;

    CampaignPreviews(CampaignRepository repository, CampaignDrafts drafts, MessageComposer composer, MailChannels channels,
                     TestSends testSends) {
        this.repository = repository;
        this.drafts = drafts;
        this.composer = composer;
        this.channels = channels;
        this.testSends = testSends;
    }

    Preview previewSegment(JsonNode segment) {
        Validation v = new Validation();
        Segment s = Segment.parse(segment, v, "segment");
        v.throwIfAny();
        return new Preview(repository.countRecipients(s), repository.sample(s, SAMPLE));
    }

    Rendered preview(long id, long contactId) {
        Campaign c = drafts.get(id);
        OutgoingMail m = composer.compose(c, recipient(contactId), 0, "preview");
        return new Rendered(m.to(), m.subject(), m.html(), m.text());
    }

    /**
     * Sends the campaign's message now to one address (a contact's values when {@code contactId}
     * is given), as {@link TestSends} allows: never to a suppressed address, so many an hour, audited.
     */
    String test(Actor by, long id, String to, Long contactId) throws MailFailure {
        Validation v = new Validation();
        String address = v.email("to", to);
        v.throwIfAny();
        Campaign c = drafts.get(id);
        Recipient r = contactId == null ? new Recipient(0, 0, address, null, "Prénom", "Nom", null, "Entreprise", null) : recipient(contactId);
        testSends.take(by, id, address);
        OutgoingMail m = composer.compose(c, r.at(address), 0, "test." + UUID.randomUUID());
        boolean sent = false;
        try (MailChannel channel = channels.open()) {
            String reply = channel.send(m);
            sent = true;
            log.info("test message of campaign {} sent by user {}", id, by.userId());
            return reply;
        } finally {
            testSends.audited(by, id, address, contactId, sent);
        }
    }

    private Recipient recipient(long contactId) {
        return repository.recipient(contactId).orElseThrow(() -> new InvalidInputException("contactId", "there is no contact " + contactId));
    }
}
