package org.ffmas.crm.plugin;

import java.util.List;

/**
 * A plugin as the admin API lists it.
 *
 * @param state STARTED, STOPPED, DISABLED or FAILED
 * @param extensions the extension points it implements, by simple name
 * @param error why it is FAILED; null otherwise
 */
public record PluginInfo(String id, String version, String state, String description, String provider, String license,
                         String requires, List<String> extensions, String error) {}
