/** The records plugins exchange with the platform: plain values, no database or web types. */
package org.ffmas.crm.api.model;
