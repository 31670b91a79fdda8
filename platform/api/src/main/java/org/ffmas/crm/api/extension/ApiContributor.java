package org.ffmas.crm.api.extension;

import java.util.List;
import org.ffmas.crm.api.PluginContext;
import org.pf4j.ExtensionPoint;

/**
 * JAX-RS resources a plugin serves under {@code /api/plugins/<pluginId>/}: a resource with
 * {@code @Path("/deliveries")} answers at {@code /api/plugins/<pluginId>/deliveries}. Every
 * method declares who may call it with {@link org.ffmas.crm.api.access.Allowed} (or
 * {@link org.ffmas.crm.api.access.PublicRoute}); the platform authenticates and answers errors as
 * problem+json. Mounted when the plugin starts, removed when it stops.
 */
public interface ApiContributor extends ExtensionPoint {

    /** Resource instances to serve. */
    List<Object> resources(PluginContext context);
}
