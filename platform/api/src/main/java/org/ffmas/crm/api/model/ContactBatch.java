package org.ffmas.crm.api.model;

import java.util.List;

/**
 * What a {@link org.ffmas.crm.api.extension.SyncConnector} pulled of the people at companies, in
 * pages as {@link SyncBatch} gives companies.
 *
 * @param nextCursor opaque to the platform, stored and handed back on the next pull
 * @param more whether the connector has more to give right away
 */
public record ContactBatch(List<ExternalContact> contacts, String nextCursor, boolean more) {

    /**
     * A person in the external system.
     *
     * @param externalId the person's id there
     * @param companyExternalId the id there of the company the person works for
     * @param phone as the system has it; the platform normalises it
     * @param active false when the system keeps the person as no longer in use: not imported,
     *               and archived here when already synced
     */
    public record ExternalContact(String externalId, String companyExternalId, String firstName, String lastName, String email,
                                  String phone, boolean active) {}
}
