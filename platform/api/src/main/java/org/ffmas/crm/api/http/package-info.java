/**
 * Outbound HTTP for plugins: {@link org.ffmas.crm.api.http.OutboundHttp}, obtained from
 * {@link org.ffmas.crm.api.PluginContext#http()}. Every call a plugin makes to a URL taken from
 * its settings should go through it, so that a setting can never turn the platform into a proxy
 * towards the machines of its own network (server-side request forgery).
 */
package org.ffmas.crm.api.http;
