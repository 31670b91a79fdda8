package org.ffmas.crm.sync;

import java.util.Set;
import org.ffmas.crm.api.model.ContactBatch;
import org.ffmas.crm.api.model.SyncBatch;
import org.ffmas.crm.sync.CursorPages.Pulled;

/**
 * What one run does, in order: pulls the companies then the contacts changed there since the last
 * good cursors, brings in the persons parked until their company was synced, then pushes the
 * companies and the contacts changed here.
 */
final class SyncPass {

    /** The contacts' cursor is kept under the connector's name with this suffix. */
    private static final String CONTACTS = "#contacts";

    private final CursorPages pages;
    private final CompanyPull companies;
    private final ContactPull contacts;
    private final SyncPush push;

    SyncPass(CursorPages pages, CompanyPull companies, ContactPull contacts, SyncPush push) {
        this.pages = pages;
        this.companies = companies;
        this.contacts = contacts;
        this.push = push;
    }

    /**
     * Runs the steps; {@code parked} holds the ids there of the persons waiting for their company,
     * kept up to date. Returns the companies' cursor reached, which the run shows as where it is.
     */
    String run(ActiveRun run, Set<String> parked) throws Exception {
        String cursor = pages.pull(run, run.name(), null, "records", from -> {
            SyncBatch b = run.remote().pull(from, run.context());
            return b == null ? null : new Pulled<>(b.companies(), b.nextCursor(), b.more());
        }, e -> companies.apply(run, e));
        pages.pull(run, run.name() + CONTACTS, cursor, "contacts", from -> {
            ContactBatch b = run.remote().pullContacts(from, run.context());
            return b == null ? null : new Pulled<>(b.contacts(), b.nextCursor(), b.more());
        }, e -> contacts.apply(run, e, parked));
        contacts.applyParked(run, parked);
        push.companies(run, cursor);
        push.contacts(run, cursor);
        return cursor;
    }
}
