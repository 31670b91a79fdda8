package org.ffmas.crm.plugin;

import java.util.List;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.Folders;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.extension.ContributedExtensions;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.outbound.DestinationPolicy;
import org.ffmas.crm.outbound.OutboundClient;
import org.ffmas.crm.partner.PartnerModule;

/**
 * The PF4J plugins: loaded and started after the features they use, stopped before them. What
 * the started ones contribute is published to {@code extensions}, which features read.
 */
public final class PluginModule implements Managed {

    private final PluginHost host;
    private final PluginApi api = new PluginApi();
    private final OutboundClient outbound;

    /** @param outboundAllowlist what plugins' outbound calls may reach although it is not public ({@code http.outboundAllowlist}) */
    public PluginModule(Folders folders, List<String> outboundAllowlist, CamelRuntime camel, EventBus events, PartnerModule partners,
                        AgreementService agreements, ContributedExtensions extensions) {
        this.outbound = new OutboundClient(DestinationPolicy.allowing(outboundAllowlist));
        this.host = new PluginHost(folders.plugins(), folders.pluginsConfig(), folders.data(), camel, events,
                new PluginContexts.Services(id -> new PluginCompanies(partners.companies(), partners.contacts(),
                        Actor.system("plugin:" + id, Role.STAFF)), agreements.forPlugins(), id -> outbound.forCaller("plugin:" + id)),
                api, extensions);
    }

    @Override
    public void start() {
        host.start();
    }

    @Override
    public void stop() {
        host.stop();
        outbound.close();
    }

    public PluginHost host() {
        return host;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new PluginResource(host, api));
    }
}
