/**
 * The plugin SDK of the FFMAS partner CRM: the only artifact a plugin depends on (scope
 * {@code provided}). Everything here is a contract with plugin authors.
 */
package org.ffmas.crm.api;
