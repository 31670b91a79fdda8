package org.ffmas.crm.ui;

import java.util.List;
import org.ffmas.crm.agreement.AgreementModule;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.campaign.CampaignService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.imports.ImportService;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.plugin.PluginHost;
import org.ffmas.crm.security.SecurityModule;
import org.ffmas.crm.sync.SyncService;

/** The staff's web pages, served beside the API; they call the features' services as the API does. */
public final class UiModule implements Managed {

    private final List<Object> pages;

    public UiModule(SecurityModule security, PartnerModule partners, AgreementModule agreements, AuditService audit,
                    CampaignService campaigns, ImportService imports, SyncService sync, PluginHost plugins, CamelRuntime camel) {
        Views views = new Views();
        this.pages = List.of(new SessionPages(security.auth(), views),
                new HomePages(views, security.auth(), partners.companies(), agreements.agreements(), campaigns, sync, plugins),
                new CompanyPages(views, partners.companies(), partners.contacts(), agreements.agreements(), audit),
                new ContactPages(views, partners.companies(), partners.contacts()),
                new AgreementPages(views, partners.companies(), agreements.agreements(), agreements.paperwork()),
                new UserPages(views, security.users(), security.tokens()),
                new CampaignPages(views, campaigns),
                new AdminPages(views, imports, camel.context().createProducerTemplate(), sync, plugins),
                new ErrorPages(views));
    }

    @Override
    public List<Object> webResources() {
        return pages;
    }
}
