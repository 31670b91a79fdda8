package org.ffmas.crm.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.partner.Audience;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailing campaigns: their API, the unsubscribe page, the dispatcher and the mailbox routes.
 * Stopping lets the dispatcher finish the message in hand and record its batch.
 */
public final class CampaignModule implements Managed {

    private static final Logger log = LoggerFactory.getLogger(CampaignModule.class);

    private final Database database;
    private final CamelRuntime camel;
    private final Clock clock;
    private final MailSettings settings;
    private final DeliveryRepository deliveries;
    private final MailboxRepository mailbox;
    private final CampaignDrafts drafts;
    private final CampaignLifecycle lifecycle;
    private final MessageComposer composer;
    private final MailChannels channels;
    private final RecipientActions recipients;
    private final CampaignService campaigns;
    private CampaignRoutes routes;

    public CampaignModule(Database database, CamelRuntime camel, PartnerModule partners, AuditService audit, EventBus events, Clock clock,
                          MailSettings settings, Path dataDir, Extensions extensions) throws IOException {
        this.database = database;
        this.camel = camel;
        this.clock = clock;
        this.settings = settings;
        Audience audience = partners.audience();
        CampaignRepository repository = new CampaignRepository(database.dsl(), audience);
        this.deliveries = new DeliveryRepository(database.dsl(), audience);
        this.mailbox = new MailboxRepository(database.dsl());
        MailSigner signer = MailSigner.load(settings.links().secret(), new MailSecretRepository(database.dsl()), dataDir, clock.instant());
        UnsubscribeLinks links = new UnsubscribeLinks(signer, settings.links().publicUrl());
        BounceTags bounceTags = new BounceTags(signer);
        this.composer = new MessageComposer(links, bounceTags);
        this.channels = new MailChannels(settings, dataDir.resolve("outbox"), extensions);
        this.drafts = new CampaignDrafts(database, repository, deliveries, audit, clock, settings);
        this.lifecycle = new CampaignLifecycle(database, repository, deliveries, drafts, partners.companies(), audit, events, clock);
        this.recipients = new RecipientActions(database, deliveries, mailbox, partners.companies(), partners.contacts(), events, clock, links,
                bounceTags, settings.inbox().softBounceLimit());
        TestSends testSends = new TestSends(database, new TestSendRepository(database.dsl()), mailbox, partners.contacts(), audit, clock,
                settings.outgoing().testSendsPerHour());
        this.campaigns = new CampaignService(drafts, new CampaignPreviews(repository, drafts, composer, channels, testSends), lifecycle,
                recipients);
    }

    @Override
    public void start() throws Exception {
        if (settings.outgoing().smtp().isPresent() && settings.links().publicUrl().startsWith("http:")) {
            // large mail providers expect bulk mail's unsubscribe link over https
            log.warn("public.url is {}: campaign unsubscribe links will not be https; set CRM_PUBLIC_URL to the https address "
                    + "recipients reach", settings.links().publicUrl());
        }
        CampaignDispatcher dispatcher = new CampaignDispatcher(database, deliveries, drafts, lifecycle, composer, channels, clock, settings);
        lifecycle.onQueued(dispatcher::wake);
        InboxReader inbox = settings.inbox().imap()
                .map(server -> new InboxReader(recipients, mailbox, clock, server, settings.inbox().folder(), settings.tlsTrust())).orElse(null);
        routes = new CampaignRoutes(dispatcher, inbox, settings.inbox().pollSeconds());
        camel.context().addRoutes(routes);
    }

    @Override
    public void stop() {
        if (routes != null) {
            routes.stop();
            routes = null;
        }
    }

    public CampaignService campaigns() {
        return campaigns;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new CampaignResource(campaigns), new UnsubscribeResource(campaigns));
    }
}
