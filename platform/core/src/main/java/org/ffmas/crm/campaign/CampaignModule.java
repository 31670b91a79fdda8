package org.ffmas.crm.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.integration.CamelRuntime;
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

    private final CamelRuntime camel;
    private final MailSettings settings;
    private final CampaignService campaigns;
    private CampaignRoutes routes;

    public CampaignModule(Database database, CamelRuntime camel, PartnerModule partners, AuditService audit, EventBus events, Clock clock,
                          MailSettings settings, Path dataDir, Extensions extensions) throws java.io.IOException {
        this.camel = camel;
        this.settings = settings;
        this.campaigns = new CampaignService(database, new CampaignRepository(database.dsl()), partners.companies(), partners.contacts(),
                audit, events, clock, settings, dataDir, extensions);
    }

    @Override
    public void start() throws Exception {
        if (settings.smtp().isPresent() && settings.publicUrl().startsWith("http:")) {
            // large mail providers expect bulk mail's unsubscribe link over https
            log.warn("public.url is {}: campaign unsubscribe links will not be https; set CRM_PUBLIC_URL to the https address "
                    + "recipients reach", settings.publicUrl());
        }
        routes = new CampaignRoutes(campaigns);
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
