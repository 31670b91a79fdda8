package org.ffmas.crm.api.extension;

import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.ffmas.crm.api.PluginContext;
import org.pf4j.ExtensionPoint;

/**
 * Camel routes a plugin adds to the platform's CamelContext. They are added when the plugin
 * starts and removed when it stops. Give routes ids that start with the plugin id, and use
 * endpoint names of your own ({@code direct:<pluginId>-...}).
 */
public interface RouteContributor extends ExtensionPoint {

    /** The routes to add; called each time the plugin starts. */
    List<RoutesBuilder> routes(PluginContext context);
}
