package org.ffmas.crm.sync;

import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.extension.SyncConnector;
import org.ffmas.crm.extension.Extension;

/**
 * A run under way.
 *
 * @param id the run's row
 * @param connector the plugin's connector it runs
 * @param counts what it has done so far
 */
record ActiveRun(long id, Extension<SyncConnector> connector, SyncCounts counts) {

    /** The connector's name (the system there), under which its cursor and links are kept. */
    String name() {
        return connector.extension().system();
    }

    SyncConnector remote() {
        return connector.extension();
    }

    PluginContext context() {
        return connector.context();
    }
}
