/**
 * The extension points: what a plugin can add to the platform. Annotate an implementation with
 * {@code @org.pf4j.Extension}; the platform finds it when the plugin starts.
 */
package org.ffmas.crm.api.extension;
