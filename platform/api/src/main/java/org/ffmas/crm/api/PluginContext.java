package org.ffmas.crm.api;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.ffmas.crm.api.http.OutboundHttp;
import org.slf4j.Logger;

/**
 * What the platform gives a plugin: its settings, a logger, a folder of its own, the
 * platform's CamelContext and its services. Never a database connection: plugins read and
 * change data through the services, so that validation, audit and events hold for them too.
 */
public interface PluginContext {

    /** The plugin's id, as in its descriptor. */
    String pluginId();

    /** The plugin's settings, validated against what it declared. */
    PluginSettings settings();

    /** A logger named after the plugin. */
    Logger logger();

    /** A folder for the plugin's own files ({@code <data dir>/plugins/<id>}), created on demand. */
    Path dataDirectory();

    /** The platform's CamelContext (routes are better added through a RouteContributor). */
    CamelContext camelContext();

    /** Companies and contacts, read and changed as the plugin (audited as {@code plugin:<id>}). */
    Companies companies();

    /** Agreements, read-only. */
    Agreements agreements();

    /**
     * The HTTP client for the plugin's calls to other systems, guarded against server-side request
     * forgery (see {@link OutboundHttp}): use it for every URL that comes from a setting.
     *
     * @since 1.1.0
     */
    OutboundHttp http();
}
