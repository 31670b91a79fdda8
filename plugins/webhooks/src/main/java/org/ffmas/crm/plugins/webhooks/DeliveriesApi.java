package org.ffmas.crm.plugins.webhooks;

import java.util.List;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.extension.ApiContributor;
import org.pf4j.Extension;

/** Mounts {@link DeliveriesResource} under {@code /api/plugins/webhooks/}. */
@Extension
public class DeliveriesApi implements ApiContributor {

    @Override
    public List<Object> resources(PluginContext context) {
        return List.of(new DeliveriesResource(context));
    }
}
