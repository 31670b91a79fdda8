package org.ffmas.crm.campaign;

import org.ffmas.crm.common.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ffmas.crm.api.event.CampaignSent;
import org.ffmas.crm.api.event.CampaignStarted;
import org.ffmas.crm.api.event.ContactUnsubscribed;
import org.ffmas.crm.api.extension.MailTransport;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.security.Caller;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns: writing them, freezing their recipients when sent, their lifecycle, rendering each
 * message, and what recipients do afterwards (unsubscribe, bounce, reply).
 */
public final class CampaignService {

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
    static final Actor SYSTEM = Actor.system("campaigns", org.ffmas.crm.api.access.Role.STAFF);
    /** The merge fields templates may use, for the editor's help. */
    public static final List<String> MERGE_FIELDS = new java.util.TreeSet<>(Templates.FIELDS).stream().map(f -> "{{" + f + "}}").toList();

    private final Database database;
    private final CampaignRepository repository;
    private final CompanyService companies;
    private final ContactService contacts;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;
    private final MailSettings settings;
    private final UnsubscribeLinks links;
    private final Path outbox;
    private final Extensions extensions;
    private final Map<Long, Rendering> renderings = new ConcurrentHashMap<>();
    /** Campaigns paused or cancelled: the dispatcher stops at the next message, not the next batch. */
    private final Set<Long> halted = ConcurrentHashMap.newKeySet();
    private final java.util.Optional<org.simplejavamail.utils.mail.dkim.DkimSigner> dkim;
    /** Run once deliveries are committed to the queue: wakes the dispatcher (set by the campaigns' routes). */
    private volatile Runnable queuedHook = () -> { };

    public CampaignService(Database database, CampaignRepository repository, CompanyService companies, ContactService contacts,
                           AuditService audit, EventBus events, Clock clock, MailSettings settings, Path dataDir,
                           Extensions extensions) throws java.io.IOException {
        this.database = database;
        this.repository = repository;
        this.companies = companies;
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.links = new UnsubscribeLinks(UnsubscribeLinks.secret(settings.secret(), dataDir), settings.publicUrl());
        this.outbox = dataDir.resolve("outbox");
        this.extensions = extensions;
        this.dkim = MimeMessages.signer(settings.dkim());
    }

    MailSettings settings() {
        return settings;
    }

    // --- writing campaigns

    public Campaign create(Actor by, JsonNode body) {
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, CampaignDraft.FIELDS, CampaignDraft.READ_ONLY);
        CampaignDraft d = new CampaignDraft();
        d.fromName = settings.fromName();
        d.fromAddress = settings.from();
        d.apply(body, f, v);
        d.validate(v);
        v.throwIfAny();
        Instant now = clock.instant();
        Campaign c = database.inTransaction(() -> {
            long id = repository.insert(d, by.userId() == 0 ? null : by.userId(), now);
            Campaign created = get(id);
            audit.record(by, "campaign.created", "campaign", id, Map.of("name", d.name));
            return created;
        });
        log.info("campaign {} created by user {}", c.id(), by.userId());
        return c;
    }

    public Campaign update(Actor by, long id, JsonNode body) {
        Validation v = new Validation();
        Set<String> known = new java.util.HashSet<>(CampaignDraft.FIELDS);
        known.add("version");
        JsonFields f = JsonFields.of(body, v, known, CampaignDraft.READ_ONLY);
        Long version = f.number("version");
        if (version == null && !v.has("version")) {
            v.error("version", "is required: send the version you read");
        }
        Campaign current = get(id);
        CampaignDraft d = CampaignDraft.of(current);
        d.apply(body, f, v);
        d.validate(v);
        v.throwIfAny();
        if (!Set.of("DRAFT", "SCHEDULED").contains(current.status())) {
            throw new ConflictException("Campaign " + id + " is " + current.status() + ": only a draft or a scheduled campaign can be changed.", null);
        }
        database.inTransaction(() -> {
            if (!repository.update(id, version, d, clock.instant())) {
                throw ConflictException.staleVersion("Campaign " + id, version, get(id).version());
            }
            audit.record(by, "campaign.updated", "campaign", id, Map.of("fields", f.names()));
            return null;
        });
        return get(id);
    }

    public Campaign get(long id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("There is no campaign " + id + "."));
    }

    public Page<Campaign> list(String status, int page, int size) {
        return repository.list(status, page, size);
    }

    public CampaignStats stats(long id) {
        get(id);
        return repository.stats(id);
    }

    public Page<Delivery> deliveries(long id, String status, int page, int size) {
        get(id);
        return repository.deliveries(id, status, page, size);
    }

    /** The segment's reach: how many addresses, and the first recipients. */
    public record Preview(int count, List<Recipient> sample) {}

    public Preview previewSegment(JsonNode segment) {
        Validation v = new Validation();
        Segment s = Segment.parse(segment, v, "segment");
        v.throwIfAny();
        return new Preview(repository.countRecipients(s), repository.sample(s, 10));
    }

    /** A campaign's message as one contact would receive it. */
    public record Rendered(String to, String subject, String html, String text) {}

    public Rendered preview(long id, long contactId) {
        Campaign c = get(id);
        Recipient r = repository.recipient(contactId).orElseThrow(() -> new InvalidInputException("contactId", "there is no contact " + contactId));
        OutgoingMail m = compose(c, r, 0, "preview");
        return new Rendered(m.to(), m.subject(), m.html(), m.text());
    }

    /** Sends the campaign's message now to one address (a contact's values when {@code contactId} is given). */
    public String test(Actor by, long id, String to, Long contactId) throws MailFailure {
        Validation v = new Validation();
        String address = v.email("to", to);
        v.throwIfAny();
        Campaign c = get(id);
        Recipient r = contactId == null
                ? new Recipient(0, 0, address, null, "Prénom", "Nom", null, "Entreprise", null)
                : repository.recipient(contactId).orElseThrow(() -> new InvalidInputException("contactId", "there is no contact " + contactId));
        OutgoingMail m = compose(c, new Recipient(r.contactId(), r.companyId(), address, r.civility(), r.firstName(), r.lastName(),
                r.jobTitle(), r.companyName(), r.companyCity()), 0, "test." + java.util.UUID.randomUUID());
        try (MailChannel channel = openChannel()) {
            String reply = channel.send(m);
            log.info("test message of campaign {} sent by user {}", id, by.userId());
            return reply;
        }
    }

    // --- lifecycle

    /** Freezes the recipients and starts sending now. */
    public Campaign send(Actor by, long id) {
        Instant now = clock.instant();
        int queued = database.inTransaction(() -> {
            Campaign c = repository.lock(id).orElseThrow(() -> new NotFoundException("There is no campaign " + id + "."));
            if (!c.status().equals("DRAFT") && !c.status().equals("SCHEDULED")) {
                throw new ConflictException("Campaign " + id + " is " + c.status() + ": only a draft (or a scheduled campaign) can be sent.", null);
            }
            return start(by, c, now);
        });
        events.publish(new CampaignStarted(id, queued, now, by.userId() == 0 ? null : by.userId()));
        queuedHook.run();
        return get(id);
    }

    /** Tells the dispatcher that deliveries were just committed to the queue (a send, a resume). */
    void onQueued(Runnable hook) {
        this.queuedHook = hook;
    }

    private int start(Actor by, Campaign c, Instant now) {
        int queued = repository.freeze(c.id(), c.segment(), now);
        if (queued == 0) {
            throw new ConflictException("The segment of campaign " + c.id() + " reaches no one (after unsubscribed, bounced and "
                    + "suppressed addresses are left out): nothing was queued.", null);
        }
        repository.move(c.id(), List.of(c.status()), "SENDING", null, now);
        audit.record(by, "campaign.started", "campaign", c.id(), Map.of("recipients", queued));
        log.info("campaign {} started by user {}: {} recipients queued", c.id(), by.userId(), queued);
        return queued;
    }

    public Campaign schedule(Actor by, long id, String at) {
        Validation v = new Validation();
        Instant when = v.instant("at", at);
        if (when == null && !v.has("at")) {
            v.error("at", "is required: when to send, such as 2026-12-01T08:00:00Z");
        } else if (when != null && !when.isAfter(clock.instant())) {
            v.error("at", "must be in the future");
        } else if (when != null && when.isAfter(clock.instant().plus(java.time.Duration.ofDays(366)))) {
            v.error("at", "must be within a year");
        }
        v.throwIfAny();
        Campaign c = get(id);
        if (repository.countRecipients(c.segment()) == 0) {
            throw new ConflictException("The segment of campaign " + id + " reaches no one: there is nothing to schedule.", null);
        }
        return move(by, id, List.of("DRAFT", "SCHEDULED"), "SCHEDULED", when, "only a draft can be scheduled");
    }

    public Campaign pause(Actor by, long id) {
        Campaign c = move(by, id, List.of("SENDING"), "PAUSED", null, "only a campaign being sent can be paused");
        halted.add(id);
        return c;
    }

    public Campaign resume(Actor by, long id) {
        Campaign c = move(by, id, List.of("PAUSED"), "SENDING", null, "only a paused campaign can be resumed");
        halted.remove(id);
        queuedHook.run();
        return c;
    }

    /** Whether the campaign was paused or cancelled since the dispatcher read it. */
    boolean halted(long id) {
        return halted.contains(id);
    }

    public Campaign cancel(Actor by, long id) {
        halted.add(id);
        Campaign c = move(by, id, List.of("DRAFT", "SCHEDULED", "SENDING", "PAUSED"), "CANCELLED", null,
                "a campaign already sent or cancelled cannot be cancelled");
        int skipped = repository.skipPendingOfCampaign(id, "campaign cancelled");
        log.info("campaign {} cancelled by user {}: {} deliveries not sent", id, by.userId(), skipped);
        return c;
    }

    private Campaign move(Actor by, long id, List<String> from, String to, Instant at, String rule) {
        Campaign c = get(id);
        boolean moved = database.inTransaction(() -> {
            boolean done = repository.move(id, from, to, at, clock.instant());
            if (done) {
                audit.record(by, "campaign." + to.toLowerCase(java.util.Locale.ROOT), "campaign", id,
                        at == null ? Map.of() : Map.of("at", at.toString()));
            }
            return done;
        });
        if (!moved) {
            throw new ConflictException("Campaign " + id + " is " + c.status() + ": " + rule + ".", null);
        }
        log.info("campaign {} {} by user {}", id, to, by.userId());
        return get(id);
    }

    /** The schedule's turn: scheduled campaigns whose time came start sending. */
    void startDue() {
        for (long id : repository.dueScheduled(clock.instant())) {
            Instant now = clock.instant();
            try {
                int queued = database.inTransaction(() -> {
                    Campaign c = repository.lock(id).orElseThrow();
                    return c.status().equals("SCHEDULED") ? start(SYSTEM, c, now) : 0;
                });
                if (queued > 0) {
                    events.publish(new CampaignStarted(id, queued, now, null));
                }
            } catch (ConflictException nobody) {
                repository.move(id, List.of("SCHEDULED"), "CANCELLED", null, now);
                log.warn("scheduled campaign {} cancelled: its segment reaches no one", id);
            }
        }
    }

    /** Campaigns with nothing left to send become SENT, on their recipients' companies' timelines. */
    void completeFinished() {
        for (long id : repository.finishedSending()) {
            Instant now = clock.instant();
            CampaignStats stats = database.inTransaction(() -> {
                if (!repository.move(id, List.of("SENDING"), "SENT", null, now)) {
                    return null;
                }
                Campaign c = get(id);
                repository.sentByCompany(id).forEach((companyId, count) -> companies.recordMail(companyId, null, true,
                        "Campagne « " + c.name() + " » envoyée à " + count + (count > 1 ? " contacts" : " contact")));
                return repository.stats(id);
            });
            if (stats != null) {
                log.info("campaign {} sent: {} accepted, {} failed, {} skipped", id, stats.sent(), stats.failed(), stats.skipped());
                events.publish(new CampaignSent(id, stats.sent(), stats.failed(), now, null));
            }
        }
    }

    // --- messages

    /** A campaign's templates, compiled once per version. */
    record Rendering(long version, Templates.Compiled subject, Templates.Compiled html, Templates.Compiled text, boolean htmlHasLink, boolean textHasLink) {}

    OutgoingMail compose(Campaign c, Recipient r, long deliveryId, String idPart) {
        // one compiled rendering per campaign, replaced when the campaign changes (each status change bumps its version)
        Rendering t = renderings.get(c.id());
        if (t == null || t.version() != c.version()) {
            String textTemplate = c.textTemplate() != null ? c.textTemplate() : HtmlText.of(c.htmlTemplate());
            t = new Rendering(c.version(), Templates.compile(c.subject(), false), Templates.compile(c.htmlTemplate(), true),
                    Templates.compile(textTemplate, false), c.htmlTemplate().contains("{{unsubscribeUrl}}"),
                    textTemplate.contains("{{unsubscribeUrl}}"));
            renderings.put(c.id(), t); // two senders compiling it at once is harmless: both get the same
        }
        String token = links.token(deliveryId);
        String url = links.url(token);
        Map<String, Object> contact = new HashMap<>();
        contact.put("civility", r.civility() == null ? null : r.civility().equals("MME") ? "Madame" : "Monsieur");
        contact.put("firstName", r.firstName());
        contact.put("lastName", r.lastName());
        contact.put("email", r.email());
        contact.put("jobTitle", r.jobTitle());
        Map<String, Object> company = new HashMap<>();
        company.put("name", r.companyName());
        company.put("city", r.companyCity());
        Map<String, Object> scope = Map.of("contact", contact, "company", company, "campaign", Map.of("name", c.name()), "unsubscribeUrl", url);
        String html = t.html().render(scope);
        String text = t.text().render(scope);
        if (!t.htmlHasLink()) {
            html = html + "\n<p style=\"font-size:12px;color:#555\">Vous recevez ce message en tant que contact de la FFMAS. "
                    + "<a href=\"" + url + "\">Se désinscrire</a></p>";
        }
        if (!t.textHasLink()) {
            text = text + "\n--\nSe désinscrire : " + url + "\n";
        }
        String domain = c.fromAddress().substring(c.fromAddress().indexOf('@') + 1);
        String messageId = "<campaign." + c.id() + "." + (deliveryId > 0 ? "delivery." + deliveryId : idPart) + "@" + domain + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + url + ">, <mailto:" + c.fromAddress() + "?subject=unsubscribe-" + token + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Precedence", "bulk");
        headers.put("X-CRM-Campaign", String.valueOf(c.id()));
        return new OutgoingMail(messageId, c.fromAddress(), c.fromName(), c.replyTo(), r.email(), t.subject().render(scope).strip(), html,
                text, headers);
    }

    /**
     * {@code n} ways out to send on at once: that many SMTP connections (each opened at its first
     * message); a plugin's transport or the outbox is used on one only.
     */
    List<MailChannel> openChannels(int n) {
        if (settings.transport().isBlank() && settings.smtp().isPresent() && n > 1) {
            List<MailChannel> channels = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // a signer of its own per connection: DkimSigner keeps its digest and signature state
                channels.add(new SmtpChannel(settings.smtp().get(), i == 0 ? dkim : MimeMessages.signer(settings.dkim()), settings.tlsTrust()));
            }
            return channels;
        }
        return List.of(openChannel());
    }

    /** The configured way out: a plugin's transport by name, else SMTP, else the outbox folder. */
    MailChannel openChannel() {
        if (!settings.transport().isBlank()) {
            return extensions.of(MailTransport.class).stream().filter(e -> e.extension().name().equals(settings.transport()))
                    .findFirst().<MailChannel>map(e -> new PluginChannel(e.extension(), e.context()))
                    .orElseGet(() -> new MailChannel() {
                        @Override
                        public String send(OutgoingMail mail) throws MailFailure {
                            throw MailFailure.unreachable("no started plugin provides the mail transport '" + settings.transport() + "'", null);
                        }

                        @Override
                        public void close() {
                        }
                    });
        }
        return settings.smtp().<MailChannel>map(server -> new SmtpChannel(server, dkim, settings.tlsTrust())).orElseGet(() -> new OutboxChannel(outbox, dkim));
    }

    // --- what recipients do

    /** The delivery an unsubscribe token names (0 for a test message), if the token is genuine. */
    OptionalLong verify(String token) {
        return links.verify(token);
    }

    /** Unsubscribes the contact a delivery went to, at once; its pending deliveries are skipped. Returns the contact. */
    Contact unsubscribe(long deliveryId, String how) {
        Delivery d = repository.delivery(deliveryId).orElseThrow(() -> new NotFoundException("unknown delivery"));
        Instant now = clock.instant();
        Contact contact = database.inTransaction(() -> {
            Contact c = contacts.setEmailStatus(Actor.system("unsubscribe", org.ffmas.crm.api.access.Role.STAFF), d.contactId(),
                    EmailStatus.UNSUBSCRIBED);
            repository.markUnsubscribed(deliveryId, now);
            int skipped = repository.skipPendingOfContact(d.contactId(), "unsubscribed");
            companies.recordSystemEvent(d.companyId(), "contact.unsubscribed",
                    "Désinscription de " + d.email() + " (campagne " + d.campaignId() + ", " + how + ")", null);
            log.info("contact {} unsubscribed from campaign {} ({}); {} pending deliveries skipped", d.contactId(), d.campaignId(), how, skipped);
            return c;
        });
        events.publish(new ContactUnsubscribed(d.contactId(), d.companyId(), d.campaignId(), now, null));
        return contact;
    }

    /** A delivery status notification: hard bounces suppress at once, soft ones after the configured count. */
    /**
     * A delivery status notification for a delivery; false (and nothing changed) when it does not
     * match it: another campaign, or a recipient other than the delivery's address.
     */
    boolean bounce(long campaignId, long deliveryId, List<String> recipients, boolean hard, String reason) {
        Delivery d = repository.delivery(deliveryId).orElse(null);
        if (d == null || d.campaignId() != campaignId
                || recipients.stream().noneMatch(r -> r.equalsIgnoreCase(d.email()))) {
            log.warn("a delivery status notification names delivery {} of campaign {}, which it does not match; ignored",
                    deliveryId, campaignId);
            return false;
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            boolean suppress = hard;
            if (hard) {
                repository.markBounced(deliveryId, reason);
            } else {
                suppress = repository.softBounce(d.email(), now) >= settings.softBounceLimit();
            }
            if (suppress) {
                repository.suppress(d.email(), (hard ? "hard bounce: " : "soft bounces: ") + reason, now);
                contacts.setEmailStatus(Actor.system("bounces", org.ffmas.crm.api.access.Role.STAFF), d.contactId(), EmailStatus.BOUNCED);
                repository.skipPendingOfContact(d.contactId(), "address bounced");
            }
            log.info("delivery {} of campaign {} bounced ({}){}", deliveryId, d.campaignId(), hard ? "hard" : "soft",
                    suppress ? "; contact " + d.contactId() + " suppressed" : "");
            return null;
        });
        return true;
    }

    /** A reply from a contact: it goes on the contact's company's timeline. */
    boolean reply(String from, String subject) {
        return contacts.findByEmail(from).map(c -> {
            companies.recordMail(c.companyId(), c.id(), false, "Réponse reçue : " + (subject == null ? "(sans objet)" : subject));
            log.info("reply from contact {} put on company {}'s timeline", c.id(), c.companyId());
            return true;
        }).orElse(false);
    }

    CampaignRepository repository() {
        return repository;
    }

    Database database() {
        return database;
    }

    Clock clock() {
        return clock;
    }
}
