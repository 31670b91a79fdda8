package org.ffmas.crm.api.model;

import java.util.List;

/**
 * What a {@link org.ffmas.crm.api.extension.SyncConnector} pulled in one call: companies as the
 * external system has them (keyed by its ids), and the cursor to continue from next time.
 *
 * @param nextCursor opaque to the platform, stored and handed back on the next pull
 * @param more whether the connector has more to give right away
 */
public record SyncBatch(List<ExternalCompany> companies, String nextCursor, boolean more) {

    /** A company in the external system: its id there, and its fields as a company enrichment carries them. */
    public record ExternalCompany(String externalId, String siren, CompanyEnrichment fields) {}
}
