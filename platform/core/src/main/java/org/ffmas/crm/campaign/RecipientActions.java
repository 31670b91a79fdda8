package org.ffmas.crm.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.event.ContactUnsubscribed;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recipients do with a campaign's message: unsubscribe (the link, the List-Unsubscribe
 * mail), bounce (delivery status notifications), reply. Called by the unsubscribe page and the
 * mailbox reader.
 */
final class RecipientActions {

    private static final Logger log = LoggerFactory.getLogger(RecipientActions.class);

    private final Database database;
    private final DeliveryRepository deliveries;
    private final MailboxRepository mailbox;
    private final CompanyService companies;
    private final ContactService contacts;
    private final EventBus events;
    private final Clock clock;
    private final UnsubscribeLinks links;
    private final BounceTags bounceTags;
    private final int softBounceLimit;

    /**
     * A delivery status notification as read from the mailbox.
     *
     * @param messageKey the report's own id in the mailbox
     * @param from who sent the report
     * @param tag the bounce tag of the Message-ID it quotes; null when it quotes none
     * @param recipients the addresses it reports on
     * @param reason its status code and diagnostic
     */
    record BounceReport(String messageKey, String from, long campaignId, long deliveryId, String tag, List<String> recipients,
                        String reason) {}

    /** What became of a report: counted, not matching its delivery, or set aside for review (its tag does not verify). */
    enum BounceOutcome { COUNTED, MISMATCH, UNVERIFIED }

    RecipientActions(Database database, DeliveryRepository deliveries, MailboxRepository mailbox, CompanyService companies,
                     ContactService contacts, EventBus events, Clock clock, UnsubscribeLinks links, BounceTags bounceTags,
                     int softBounceLimit) {
        this.database = database;
        this.deliveries = deliveries;
        this.mailbox = mailbox;
        this.companies = companies;
        this.contacts = contacts;
        this.events = events;
        this.clock = clock;
        this.links = links;
        this.bounceTags = bounceTags;
        this.softBounceLimit = softBounceLimit;
    }

    // --- what recipients do

    /** The delivery an unsubscribe token names (0 for a test message), if the token is genuine. */
    OptionalLong verify(String token) {
        return links.verify(token);
    }

    /** Unsubscribes the contact a delivery went to, at once; its pending deliveries are skipped. Returns the contact. */
    Contact unsubscribe(long deliveryId, String how) {
        Delivery d = deliveries.delivery(deliveryId).orElseThrow(() -> new NotFoundException("unknown delivery"));
        Instant now = clock.instant();
        Contact contact = database.inTransaction(() -> {
            Contact c = contacts.setEmailStatus(Actor.system("unsubscribe", Role.STAFF), d.contactId(),
                    EmailStatus.UNSUBSCRIBED);
            deliveries.markUnsubscribed(deliveryId, now);
            int skipped = deliveries.skipPendingOfContact(d.contactId(), "unsubscribed");
            companies.recordSystemEvent(d.companyId(), "contact.unsubscribed",
                    "Désinscription de " + d.email() + " (campagne " + d.campaignId() + ", " + how + ")", null);
            log.info("contact {} unsubscribed from campaign {} ({}); {} pending deliveries skipped", d.contactId(), d.campaignId(), how, skipped);
            return c;
        });
        events.publish(new ContactUnsubscribed(d.contactId(), d.companyId(), d.campaignId(), now, null));
        return contact;
    }

    /**
     * A delivery status notification for a delivery: hard bounces suppress at once, soft ones after
     * the configured count. A report whose bounce tag does not verify (a forgery, which anyone
     * knowing the Message-ID pattern can mail) changes nothing and is kept for review; one that
     * does not match its delivery (another campaign, a recipient other than the delivery's
     * address) changes nothing.
     */
    BounceOutcome bounce(BounceReport report, boolean hard) {
        long campaignId = report.campaignId();
        long deliveryId = report.deliveryId();
        Instant now = clock.instant();
        if (!bounceTags.verify(campaignId, deliveryId, report.tag())) {
            mailbox.unverifiedBounce(report, now);
            log.warn("a delivery status notification names delivery {} of campaign {} without its bounce tag; kept for review, ignored",
                    deliveryId, campaignId);
            return BounceOutcome.UNVERIFIED;
        }
        Delivery d = deliveries.delivery(deliveryId).orElse(null);
        if (d == null || d.campaignId() != campaignId
                || report.recipients().stream().noneMatch(r -> r.equalsIgnoreCase(d.email()))) {
            log.warn("a delivery status notification names delivery {} of campaign {}, which it does not match; ignored",
                    deliveryId, campaignId);
            return BounceOutcome.MISMATCH;
        }
        String reason = report.reason();
        database.inTransaction(() -> {
            boolean suppress = hard;
            if (hard) {
                deliveries.markBounced(deliveryId, reason);
            } else {
                suppress = mailbox.softBounce(d.email(), now) >= softBounceLimit;
            }
            if (suppress) {
                mailbox.suppress(d.email(), (hard ? "hard bounce: " : "soft bounces: ") + reason, now);
                contacts.setEmailStatus(Actor.system("bounces", Role.STAFF), d.contactId(), EmailStatus.BOUNCED);
                deliveries.skipPendingOfContact(d.contactId(), "address bounced");
            }
            log.info("delivery {} of campaign {} bounced ({}){}", deliveryId, d.campaignId(), hard ? "hard" : "soft",
                    suppress ? "; contact " + d.contactId() + " suppressed" : "");
            return null;
        });
        return BounceOutcome.COUNTED;
    }

    /** The bounce reports set aside because their tag did not verify, the newest first. */
    Page<UnverifiedBounce> unverifiedBounces(int page, int size) {
        return mailbox.unverifiedBounces(page, size);
    }

    /** A reply from a contact: it goes on the contact's company's timeline. */
    boolean reply(String from, String subject) {
        return contacts.findByEmail(from).map(c -> {
            companies.recordMail(c.companyId(), c.id(), false, "Réponse reçue : " + (subject == null ? "(sans objet)" : subject));
            log.info("reply from contact {} put on company {}'s timeline", c.id(), c.companyId());
            return true;
        }).orElse(false);
    }
}
