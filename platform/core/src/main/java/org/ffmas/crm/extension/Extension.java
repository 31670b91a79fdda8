package org.ffmas.crm.extension;

import org.ffmas.crm.api.PluginContext;

/**
 * One extension a started plugin contributes, with the context to call it with.
 *
 * @param pluginId the plugin that contributes it
 * @param extension the plugin's object (a connector, an enricher, a transport...)
 * @param context the plugin's context, passed back on each call
 */
public record Extension<T>(String pluginId, T extension, PluginContext context) {}
