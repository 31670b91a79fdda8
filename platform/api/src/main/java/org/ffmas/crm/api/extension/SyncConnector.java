package org.ffmas.crm.api.extension;

import org.ffmas.crm.api.PluginContext;
import java.util.List;
import org.ffmas.crm.api.model.CompanyData;
import org.ffmas.crm.api.model.ContactBatch;
import org.ffmas.crm.api.model.ContactData;
import org.ffmas.crm.api.model.SyncBatch;
import org.pf4j.ExtensionPoint;

/**
 * Keeps companies, and optionally their contacts, in step with one external system. The platform runs it (on a schedule and on
 * request, one run at a time), keeps the cursor, the map of local ids to external ids and how
 * both sides looked at the last sync, detects conflicts, and records each run.
 *
 * <p>Failures: throw an {@link java.io.IOException} (timeouts included) when the system could not
 * be reached or answered with a server error: the platform retries with backoff, then fails the
 * run, and the next run starts again from the last good cursor. Throw an
 * {@link IllegalArgumentException} when the system refused one record: the platform counts it as
 * an error of the run and goes on with the others.
 */
public interface SyncConnector extends ExtensionPoint {

    /** The external system's name, e.g. {@code dolibarr}: the connector's name in the API. */
    String system();

    /**
     * Why the connector cannot run yet (e.g. no API key set), or empty when it can. A connector
     * not ready is left out of the schedule, and a run asked for is refused with this reason.
     */
    default java.util.Optional<String> notReady(PluginContext context) {
        return java.util.Optional.empty();
    }

    /**
     * Companies changed there since {@code cursor} (null the first time), in pages: the platform
     * calls again with {@link SyncBatch#nextCursor()} while {@link SyncBatch#more()} is true, and
     * keeps the last cursor once its page is applied. Giving a record twice is harmless.
     */
    SyncBatch pull(String cursor, PluginContext context) throws Exception;

    /**
     * Sends a company changed here: creates it there when {@code externalId} is null, else
     * updates that record. Returns the record as it now is there, shaped as {@link #pull} gives
     * it, so that the platform recognises it when it comes back in a later pull.
     */
    SyncBatch.ExternalCompany push(CompanyData company, String externalId, PluginContext context) throws Exception;

    /**
     * The people changed there since {@code cursor} (null the first time), in pages as
     * {@link #pull}; pulled after the companies, so that their companies are known. A person
     * there whose company is not synced is counted as an error of the run. The contacts' cursor is
     * kept apart from the companies'. By default a connector syncs no contacts.
     */
    default ContactBatch pullContacts(String cursor, PluginContext context) throws Exception {
        return new ContactBatch(List.of(), cursor, false);
    }

    /**
     * Sends a contact changed here: creates it there (under the company {@code companyExternalId})
     * when {@code externalId} is null, else updates it. Returns the person as they now are there,
     * shaped as {@link #pullContacts} gives them; null when the connector does not push contacts
     * (the platform then stops pushing contacts for this run). An archived contact is sent too,
     * once, so that the system can mark the person inactive.
     */
    default ContactBatch.ExternalContact pushContact(ContactData contact, String companyExternalId, String externalId,
                                                     PluginContext context) throws Exception {
        return null;
    }
}
