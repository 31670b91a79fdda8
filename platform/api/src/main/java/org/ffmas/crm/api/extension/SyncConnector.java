package org.ffmas.crm.api.extension;

import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.model.CompanyData;
import org.ffmas.crm.api.model.SyncBatch;
import org.pf4j.ExtensionPoint;

/**
 * Keeps companies in step with one external system. The platform schedules it, keeps the map
 * of local ids to external ids and the cursor, and logs each run.
 */
public interface SyncConnector extends ExtensionPoint {

    /** The external system's name, e.g. {@code dolibarr}. */
    String system();

    /** Companies changed there since {@code cursor} (null the first time). */
    SyncBatch pull(String cursor, PluginContext context) throws Exception;

    /** Sends a company changed here; returns its id there (new or {@code externalId}). */
    String push(CompanyData company, String externalId, PluginContext context) throws Exception;
}
