package org.ffmas.crm.sync;

import org.ffmas.crm.common.Actor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.extension.SyncConnector;
import org.ffmas.crm.api.model.CompanyEnrichment;
import org.ffmas.crm.api.model.ContactBatch;
import org.ffmas.crm.api.model.SyncBatch;
import org.ffmas.crm.api.model.SyncBatch.ExternalCompany;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.config.PlatformSettings.SyncSettings;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.Contact;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.InseeNumbers;
import org.ffmas.crm.partner.PluginData;
import org.ffmas.crm.partner.RegistryEnrichment;

import org.ffmas.crm.extension.Extension;
import org.ffmas.crm.extension.Extensions;
import org.ffmas.crm.security.Caller;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plugins' sync connectors: pulls what changed there since the last good cursor,
 * applies it here unless the company also changed here (then records a conflict for staff),
 * pushes what changed here, and records every run. One run per connector at a time.
 */
public final class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);
    private static final ObjectMapper JSON = org.ffmas.crm.common.Json.newMapper();
    private static final int PUSH_PAGE = 200;
    /** The contacts' cursor is kept under the connector's name with this suffix. */
    private static final String CONTACTS = "#contacts";

    private final Database database;
    private final SyncRepository repository;
    private final CompanyService companies;
    private final ContactService contacts;
    private final Extensions extensions;
    private final AuditService audit;
    private final Clock clock;
    private final SyncSettings settings;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sync-run");
        t.setDaemon(true);
        return t;
    });

    public SyncService(Database database, SyncRepository repository, CompanyService companies,
                       ContactService contacts, Extensions extensions, AuditService audit, Clock clock,
                       SyncSettings settings) {
        this.database = database;
        this.repository = repository;
        this.companies = companies;
        this.contacts = contacts;
        this.extensions = extensions;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        companies.onMerge(repository::moveLinks);
        int interrupted = repository.failInterrupted(clock.instant());
        if (interrupted > 0) {
            log.warn("{} sync run(s) left running by the previous stop marked failed; the next runs start from the last good cursor", interrupted);
        }
    }

    /** A connector as the API lists it. */
    public record ConnectorInfo(String name, String pluginId, boolean running, String notReady, String cursor) {}

    public List<ConnectorInfo> connectors() {
        return extensions.of(SyncConnector.class).stream()
                .map(e -> new ConnectorInfo(e.extension().system(), e.pluginId(), running.contains(e.extension().system()),
                        e.extension().notReady(e.context()).orElse(null), repository.cursor(e.extension().system()).orElse(null)))
                .toList();
    }

    /** Starts a run of the connector in the background; refused while one is running. */
    public SyncRun start(String connector, String trigger) {
        Extension<SyncConnector> ext = connector(connector);
        Optional<String> notReady = ext.extension().notReady(ext.context());
        if (notReady.isPresent()) {
            throw new ConflictException("The connector " + connector + " cannot run: " + notReady.get(), null);
        }
        if (!running.add(connector)) {
            throw new ConflictException("The connector " + connector + " is already running; wait for its run to finish.", null);
        }
        long runId;
        try {
            runId = repository.startRun(connector, trigger, repository.cursor(connector).orElse(null), clock.instant());
            runner.execute(() -> {
                try {
                    // released as the run's end is written: whoever reads "finished" may start the next one at once
                    execute(runId, ext, () -> running.remove(connector));
                } finally {
                    running.remove(connector);
                }
            });
        } catch (RuntimeException e) {
            running.remove(connector);
            throw e;
        }
        return run(runId);
    }

    /** The schedule's turn: every started connector not already running. */
    public void runScheduled() {
        for (Extension<SyncConnector> e : extensions.of(SyncConnector.class)) {
            String name = e.extension().system();
            if (e.extension().notReady(e.context()).isPresent()) {
                log.debug("scheduled sync of {} skipped: not configured", name);
            } else if (!running.contains(name)) {
                try {
                    start(name, "SCHEDULE");
                } catch (ConflictException alreadyRunning) {
                    log.debug("scheduled sync of {} skipped: already running", name);
                }
            }
        }
    }

    public SyncRun run(long id) {
        return repository.run(id).orElseThrow(() -> new NotFoundException("There is no sync run " + id + "."));
    }

    public List<SyncRun> runs(String connector, String status, int limit) {
        return repository.runs(connector, status, limit);
    }

    public List<SyncConflict> conflicts(String connector, boolean openOnly, int limit) {
        return repository.conflicts(connector, openOnly, limit);
    }

    /** Staff chose a side: {@code local} is pushed there, {@code remote} applied here. */
    public SyncConflict resolve(Actor by, long conflictId, String keep) {
        if (keep == null || !Set.of("local", "remote").contains(keep)) {
            throw new InvalidInputException("keep", "must be local (push this company's values there) or remote (take that system's values)");
        }
        SyncConflict conflict = repository.conflict(conflictId).orElseThrow(() -> new NotFoundException("There is no sync conflict " + conflictId + "."));
        if (conflict.resolvedAt() != null) {
            throw new ConflictException("This conflict was already resolved (" + conflict.resolution() + " kept, by " + conflict.resolvedBy() + ").", null);
        }
        String name = conflict.connector();
        if (conflict.contactId() != null) {
            resolveContact(by, conflict, keep);
        } else if ("remote".equals(keep)) {
            database.inTransaction(() -> {
                Company current = companies.get(conflict.companyId());
                ObjectNode patch = ((ObjectNode) conflict.remote()).deepCopy();
                patch.put("version", current.version());
                Company updated = companies.update(by, current.id(), patch);
                repository.link(name, current.id(), conflict.externalId(), updated.version(), conflict.remoteHash(), clock.instant());
                markResolved(by, conflict, "REMOTE");
                return null;
            });
        } else {
            Extension<SyncConnector> ext = connector(name);
            Company current = companies.get(conflict.companyId());
            ExternalCompany there;
            try {
                there = ext.extension().push(PluginData.of(current), conflict.externalId(), ext.context());
            } catch (Exception e) {
                throw new ConflictException(name + " refused the company's values: " + describe(e) + ". Nothing was changed; try again later.", null);
            }
            database.inTransaction(() -> {
                repository.link(name, current.id(), there.externalId(), current.version(), fingerprint(there), clock.instant());
                markResolved(by, conflict, "LOCAL");
                return null;
            });
        }
        log.info("sync conflict {} of {} on company {} resolved: {} kept by user {}", conflictId, name, conflict.companyId(), keep, by.userId());
        return repository.conflict(conflictId).orElseThrow();
    }

    private void resolveContact(Actor by, SyncConflict conflict, String keep) {
        String name = conflict.connector();
        if ("remote".equals(keep)) {
            database.inTransaction(() -> {
                Contact current = contacts.get(conflict.contactId());
                ObjectNode patch = ((ObjectNode) conflict.remote()).deepCopy();
                patch.put("version", current.version());
                Contact updated = contacts.update(by, current.id(), patch);
                repository.linkContact(name, current.id(), conflict.externalId(), updated.version(), conflict.remoteHash(), clock.instant());
                markResolved(by, conflict, "REMOTE");
                return null;
            });
            return;
        }
        Extension<SyncConnector> ext = connector(name);
        Contact current = contacts.get(conflict.contactId());
        String companyExternalId = repository.linkByCompany(name, current.companyId()).map(SyncRepository.Link::externalId).orElse(null);
        ContactBatch.ExternalContact there;
        try {
            there = ext.extension().pushContact(PluginData.of(current), companyExternalId, conflict.externalId(), ext.context());
        } catch (Exception e) {
            throw new ConflictException(name + " refused the contact's values: " + describe(e) + ". Nothing was changed; try again later.", null);
        }
        if (there == null) {
            throw new ConflictException(name + " does not take contacts from here: keep its values instead.", null);
        }
        if (there.externalId() == null || !there.externalId().equals(conflict.externalId())) {
            // linking another person would leave the one in conflict unlinked, to come back as a duplicate
            log.warn("sync conflict {} of {}: keeping contact {} answered person {} instead of {}", conflict.id(), name, current.id(),
                    there.externalId(), conflict.externalId());
            throw new ConflictException(name + " answered with " + (there.externalId() == null ? "no person" : "person " + there.externalId())
                    + " instead of person " + conflict.externalId() + ": nothing was recorded here; check both there.", null);
        }
        database.inTransaction(() -> {
            repository.linkContact(name, current.id(), there.externalId(), current.version(), fingerprint(there), clock.instant());
            markResolved(by, conflict, "LOCAL");
            return null;
        });
    }

    private void markResolved(Actor by, SyncConflict conflict, String resolution) {
        if (!repository.resolve(conflict.id(), resolution, by.name(), clock.instant())) {
            throw new ConflictException("This conflict was resolved meanwhile by someone else.", null);
        }
        audit.record(by, "sync.conflict_resolved", "company", conflict.companyId(),
                Map.of("connector", conflict.connector(), "conflict", conflict.id(), "kept", resolution));
    }

    /** Ends the runs in progress (they are recorded as interrupted at the next start if they do not finish). */
    public void stop() {
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("sync runs still busy after 10 s: {}", running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Extension<SyncConnector> connector(String name) {
        return extensions.of(SyncConnector.class).stream().filter(e -> e.extension().system().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("No started plugin provides the sync connector '" + name + "'."));
    }

    private void execute(long runId, Extension<SyncConnector> ext, Runnable release) {
        String name = ext.extension().system();
        SyncCounts counts = new SyncCounts();
        String cursor = repository.cursor(name).orElse(null);
        java.util.Set<String> parked = repository.parkedContactIds(name);
        log.info("sync run {} of {} started (cursor {})", runId, name, cursor);
        try {
            cursor = pullPages(runId, name, null, counts, "records", from -> {
                SyncBatch b = ext.extension().pull(from, ext.context());
                return b == null ? null : new Pulled<>(b.companies(), b.nextCursor(), b.more());
            }, e -> applyPulled(name, e, counts));
            pullPages(runId, name + CONTACTS, cursor, counts, "contacts", from -> {
                ContactBatch b = ext.extension().pullContacts(from, ext.context());
                return b == null ? null : new Pulled<>(b.contacts(), b.nextCursor(), b.more());
            }, e -> applyPulledContact(name, e, counts, parked));
            applyParkedContacts(name, counts, parked);
            push(name, ext, counts, runId, cursor);
            pushContacts(name, ext, counts, runId, cursor);
            repository.progress(runId, counts, cursor);
            release.run();
            repository.finishRun(runId, "SUCCEEDED", null, clock.instant());
            log.info("sync run {} of {} succeeded: {} pulled, {} pushed, {} conflicts, {} errors, {} retries", runId, name, counts.pulled(),
                    counts.pushed(), counts.conflicts(), counts.errors(), counts.attempts());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release.run();
            fail(runId, name, counts, "interrupted: the platform stopped during the run");
        } catch (Exception | LinkageError e) {
            release.run();
            fail(runId, name, counts, describe(e));
        }
    }

    /** One page as a connector gave it, companies or contacts. */
    private record Pulled<T>(List<T> records, String nextCursor, boolean more) {}

    private interface PageSource<T> {
        Pulled<T> pull(String cursor) throws Exception;
    }

    /**
     * Pulls page after page from the cursor kept under {@code cursorKey}, applying each record and
     * saving the cursor once its page is applied; returns the last cursor. The run shows
     * {@code runCursor} as where it is, or this cursor when null.
     */
    private <T> String pullPages(long runId, String cursorKey, String runCursor, SyncCounts counts, String what, PageSource<T> source,
                                 java.util.function.Consumer<T> apply) throws Exception {
        String cursor = repository.cursor(cursorKey).orElse(null);
        boolean more = true;
        while (more) {
            String from = cursor;
            Pulled<T> page = retrying(counts, runId, () -> source.pull(from));
            if (page == null || page.records() == null) {
                throw new IllegalStateException("the connector gave no page of " + what);
            }
            page.records().forEach(apply);
            if (page.more() && page.records().isEmpty() && java.util.Objects.equals(page.nextCursor(), from)) {
                throw new IllegalStateException("the connector announced more " + what + " but gave none and did not move on");
            }
            cursor = page.nextCursor();
            repository.saveCursor(cursorKey, cursor, clock.instant());
            repository.progress(runId, counts, runCursor == null ? cursor : runCursor);
            more = page.more();
        }
        return cursor;
    }

    private void fail(long runId, String name, SyncCounts counts, String cause) {
        String cursor = null;
        try {
            cursor = repository.cursor(name).orElse(null); // the last good one, saved page by page
            repository.progress(runId, counts, cursor);
            repository.finishRun(runId, "FAILED", cause, clock.instant());
        } catch (RuntimeException e) {
            log.error("could not record the failure of sync run {}: {}", runId, e.getMessage());
        }
        log.warn("sync run {} of {} failed: {} (the next run starts from cursor {})", runId, name, cause, cursor);
    }

    /** Calls the external system, trying again with a doubling wait; a refused record is not retried. */
    private <T> T retrying(SyncCounts counts, long runId, Callable<T> call) throws Exception {
        long wait = settings.backoffMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (IllegalArgumentException refused) {
                throw refused;
            } catch (Exception e) {
                if (attempt >= settings.retries() || e instanceof InterruptedException) {
                    throw e;
                }
                counts.addRetry();
                log.warn("sync run {}: {}; trying again in {} ms", runId, describe(e), wait);
                Thread.sleep(wait);
                wait = Math.min(wait * 2, 300_000);
            }
        }
    }

    private void applyPulled(String name, ExternalCompany e, SyncCounts counts) {
        try {
            database.inTransaction(() -> {
                applyPulledRecord(name, e, counts);
                return null;
            });
        } catch (InvalidInputException | ConflictException | DuplicateException | MergedException | NotFoundException refused) {
            counts.addError(name + " record " + e.externalId() + ": " + describe(refused));
            log.warn("sync of {} record {} refused: {}", name, e.externalId(), describe(refused));
        }
    }

    private void applyPulledRecord(String name, ExternalCompany e, SyncCounts counts) {
        if (e.externalId() == null || e.externalId().isBlank() || e.fields() == null) {
            throw new InvalidInputException("externalId", "the connector gave a record without an id or fields");
        }
        String hash = fingerprint(e);
        ObjectNode patch = patch(e);
        Actor caller = Actor.system("sync:" + name, Role.STAFF);
        Optional<SyncRepository.Link> link = repository.linkByExternal(name, e.externalId());
        if (link.isEmpty()) {
            Optional<Company> match = companies.findByNumbers(number(e.siren(), 9), number(e.fields().headOfficeSiret(), 14));
            if (match.isPresent()) {
                Company here = match.get();
                if (repository.linkByCompany(name, here.id()).isPresent()) {
                    throw new ConflictException("it has the SIREN/SIRET of company " + here.id() + ", already linked to another "
                            + name + " record", null);
                }
                // first meeting of two existing records: when they differ, staff decide which is right
                if (companies.wouldChange(here.id(), patch)) {
                    repository.addConflict(name, here.id(), null, e.externalId(), localView(here, here.version(), patch), patch, hash, clock.instant());
                    counts.addConflict();
                    log.info("sync of {}: record {} and company {} differ; conflict recorded", name, e.externalId(), here.id());
                }
                repository.link(name, here.id(), e.externalId(), here.version(), hash, clock.instant());
                return;
            }
            Company created = companies.create(caller, patch);
            repository.link(name, created.id(), e.externalId(), created.version(), hash, clock.instant());
            counts.addPulled();
            return;
        }
        SyncRepository.Link l = link.get();
        if (l.remoteHash().equals(hash)) {
            return; // unchanged there since the last sync (or our own push coming back)
        }
        Company here = companies.get(l.companyId());
        boolean changedHere = here.version() != l.localVersion();
        if (!companies.wouldChange(here.id(), patch)) {
            // same values on both sides; a change made here to other fields is still to push
            repository.link(name, here.id(), e.externalId(), changedHere ? l.localVersion() : here.version(), hash, clock.instant());
            return;
        }
        if (!changedHere) {
            ObjectNode change = patch.deepCopy();
            change.put("version", here.version());
            Company updated = companies.update(caller, here.id(), change);
            repository.link(name, here.id(), e.externalId(), updated.version(), hash, clock.instant());
            counts.addPulled();
            return;
        }
        Optional<SyncConflict> open = repository.openConflict(name, here.id());
        if (open.isPresent()) {
            repository.refreshConflict(open.get().id(), localView(here, here.version(), patch), patch, hash);
        } else {
            long id = repository.addConflict(name, here.id(), null, e.externalId(), localView(here, here.version(), patch), patch, hash, clock.instant());
            counts.addConflict();
            log.info("sync of {}: company {} changed on both sides since the last sync; conflict {} recorded", name, here.id(), id);
        }
    }

    private void push(String name, Extension<SyncConnector> ext, SyncCounts counts, long runId, String cursor) throws Exception {
        long after = 0;
        while (true) {
            List<SyncRepository.Pending> page = repository.pending(name, after, PUSH_PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (SyncRepository.Pending p : page) {
                after = p.companyId();
                Company here = companies.get(p.companyId());
                ExternalCompany there;
                try {
                    there = retrying(counts, runId, () -> ext.extension().push(PluginData.of(here), p.externalId(), ext.context()));
                } catch (IllegalArgumentException refused) {
                    counts.addError("company " + here.id() + ": " + describe(refused));
                    log.warn("sync of {}: company {} refused there: {}", name, here.id(), describe(refused));
                    continue;
                }
                if (there == null || there.externalId() == null) {
                    throw new IllegalStateException("the connector's push of company " + here.id() + " gave no record back");
                }
                repository.link(name, here.id(), there.externalId(), here.version(), fingerprint(there), clock.instant());
                counts.addPushed();
            }
            repository.progress(runId, counts, cursor);
        }
    }

    /** A pulled person whose company is not linked (yet): it waits for it, see {@link #applyParkedContacts}. */
    private static final class WaitsForCompany extends NotFoundException {
        private static final long serialVersionUID = 1L;

        WaitsForCompany(String companyExternalId) {
            super("its company (" + companyExternalId + " there) is not synced yet; the person is brought in once it is");
        }
    }

    /**
     * Applies a pulled person in its own transaction; one waiting for its company is parked.
     * {@code parked} holds the ids there of the persons parked (read at the start of the run, kept
     * up to date), so that only those are taken off the list.
     */
    private void applyPulledContact(String name, ContactBatch.ExternalContact e, SyncCounts counts, java.util.Set<String> parked) {
        try {
            database.inTransaction(() -> {
                applyPulledContactRecord(name, e, counts);
                if (parked.contains(e.externalId())) {
                    repository.unparkContact(name, e.externalId());
                }
                return null;
            });
            parked.remove(e.externalId());
        } catch (WaitsForCompany waiting) {
            String record;
            try {
                record = JSON.writeValueAsString(e);
            } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
            database.inTransaction(() -> {
                repository.parkContact(name, e.externalId(), e.companyExternalId(), record, clock.instant());
                return null;
            });
            parked.add(e.externalId());
            counts.addError(name + " contact " + e.externalId() + ": " + describe(waiting));
            log.info("sync of {}: contact {} waits for its company {} there", name, e.externalId(), e.companyExternalId());
        } catch (InvalidInputException | ConflictException | DuplicateException | MergedException | NotFoundException refused) {
            // refused for what it is, not for want of its company: it comes again when it changes there
            if (e.externalId() != null && parked.remove(e.externalId())) {
                unpark(name, e.externalId());
            }
            counts.addError(name + " contact " + e.externalId() + ": " + describe(refused));
            log.warn("sync of {} contact {} refused: {}", name, e.externalId(), describe(refused));
        }
    }

    /** Takes a person off the waiting list, in a transaction of its own. */
    private void unpark(String name, String externalId) {
        database.inTransaction(() -> {
            repository.unparkContact(name, externalId);
            return null;
        });
    }

    /** Persons pulled before their company was synced, now that it is: brought in as they were pulled. */
    private void applyParkedContacts(String name, SyncCounts counts, java.util.Set<String> parked) {
        for (SyncRepository.ParkedContact waiting : repository.parkedContactsOfLinkedCompanies(name)) {
            ContactBatch.ExternalContact e;
            try {
                e = JSON.readValue(waiting.record(), ContactBatch.ExternalContact.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
                log.warn("sync of {}: parked contact {} cannot be read back ({}); it comes again when it changes there", name,
                        waiting.externalId(), unreadable.getMessage());
                unpark(name, waiting.externalId());
                parked.remove(waiting.externalId());
                continue;
            }
            applyPulledContact(name, e, counts, parked);
        }
    }

    private void applyPulledContactRecord(String name, ContactBatch.ExternalContact e, SyncCounts counts) {
        if (e.externalId() == null || e.externalId().isBlank()) {
            throw new InvalidInputException("externalId", "the connector gave a contact without an id");
        }
        if (e.companyExternalId() == null || e.companyExternalId().isBlank()) {
            return; // a person at no company there: not a partner's contact
        }
        String hash = fingerprint(e);
        ObjectNode patch = JSON.createObjectNode();
        putIfPresent(patch, "firstName", e.firstName());
        putIfPresent(patch, "lastName", e.lastName());
        putIfPresent(patch, "email", e.email());
        putIfPresent(patch, "phone", e.phone());
        Actor caller = Actor.system("sync:" + name, Role.STAFF);
        Optional<SyncRepository.ContactLink> link = repository.contactLinkByExternal(name, e.externalId());
        if (!e.active()) {
            // no longer in use there: not brought in, and archived here once if it was synced
            link.filter(l -> !l.remoteHash().equals(hash)).ifPresent(l -> {
                Contact here = contacts.get(l.contactId());
                Contact archived = here.archived() ? here : contacts.archive(caller, here.id());
                repository.linkContact(name, here.id(), e.externalId(), archived.version(), hash, clock.instant());
                if (!here.archived()) {
                    counts.addPulled();
                }
            });
            return;
        }
        if (link.isEmpty()) {
            long companyId = repository.linkByExternal(name, e.companyExternalId())
                    .orElseThrow(() -> new WaitsForCompany(e.companyExternalId())).companyId();
            Optional<Contact> match = contacts.findByEmail(e.email()).filter(c -> c.companyId() == companyId);
            if (match.isPresent()) {
                Contact here = match.get();
                if (repository.contactLinked(name, here.id())) {
                    throw new ConflictException("it has the e-mail of contact " + here.id() + ", already linked to another " + name + " person", null);
                }
                if (contacts.wouldChange(here.id(), patch)) {
                    repository.addConflict(name, companyId, here.id(), e.externalId(), localView(here, here.version(), patch), patch, hash, clock.instant());
                    counts.addConflict();
                }
                repository.linkContact(name, here.id(), e.externalId(), here.version(), hash, clock.instant());
                return;
            }
            Contact created = contacts.create(caller, companyId, patch);
            repository.linkContact(name, created.id(), e.externalId(), created.version(), hash, clock.instant());
            counts.addPulled();
            return;
        }
        SyncRepository.ContactLink l = link.get();
        if (l.remoteHash().equals(hash)) {
            return; // unchanged there since the last sync (or our own push coming back)
        }
        Contact here = contacts.get(l.contactId());
        boolean changedHere = here.version() != l.localVersion();
        long companyThere = repository.linkByExternal(name, e.companyExternalId())
                .orElseThrow(() -> new WaitsForCompany(e.companyExternalId())).companyId();
        boolean moved = here.companyId() != companyThere;
        if (moved) {
            // the person works for another company there: who employs them is the remote side's to say
            here = contacts.move(caller, here.id(), here.version(), companyThere);
        }
        if (!contacts.wouldChange(here.id(), patch)) {
            repository.linkContact(name, here.id(), e.externalId(), changedHere ? l.localVersion() : here.version(), hash, clock.instant());
            if (moved) {
                counts.addPulled();
            }
            return;
        }
        if (!changedHere) {
            ObjectNode change = patch.deepCopy();
            change.put("version", here.version());
            Contact updated = contacts.update(caller, here.id(), change);
            repository.linkContact(name, here.id(), e.externalId(), updated.version(), hash, clock.instant());
            counts.addPulled();
            return;
        }
        Optional<SyncConflict> open = repository.openContactConflict(name, here.id());
        if (open.isPresent()) {
            repository.refreshConflict(open.get().id(), localView(here, here.version(), patch), patch, hash);
        } else {
            repository.addConflict(name, here.companyId(), here.id(), e.externalId(), localView(here, here.version(), patch), patch, hash, clock.instant());
            counts.addConflict();
            log.info("sync of {}: contact {} changed on both sides since the last sync; conflict recorded", name, here.id());
        }
    }

    private void pushContacts(String name, Extension<SyncConnector> ext, SyncCounts counts, long runId, String cursor) throws Exception {
        long after = 0;
        while (true) {
            List<SyncRepository.PendingContact> page = repository.pendingContacts(name, after, PUSH_PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (SyncRepository.PendingContact p : page) {
                after = p.contactId();
                Contact here = contacts.get(p.contactId());
                ContactBatch.ExternalContact there;
                try {
                    there = retrying(counts, runId, () -> ext.extension().pushContact(PluginData.of(here), p.companyExternalId(),
                            p.externalId(), ext.context()));
                } catch (IllegalArgumentException refused) {
                    counts.addError("contact " + here.id() + ": " + describe(refused));
                    continue;
                }
                if (there == null) {
                    return; // the connector does not push contacts
                }
                if (there.externalId() == null || there.externalId().isBlank()) {
                    throw new IllegalStateException("the connector's push of contact " + here.id() + " gave no id back");
                }
                repository.linkContact(name, here.id(), there.externalId(), here.version(), fingerprint(there), clock.instant());
                counts.addPushed();
            }
            repository.progress(runId, counts, cursor);
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value.strip());
        }
    }

    static String fingerprint(ContactBatch.ExternalContact e) {
        return sha256(String.join("\u0001", nz(e.companyExternalId()), nz(e.firstName()), nz(e.lastName()), nz(e.email()), nz(e.phone()),
                e.active() ? "" : "inactive"));
    }

    /** The change a pulled record makes, fields named as in the API. */
    private static ObjectNode patch(ExternalCompany e) {
        ObjectNode patch = RegistryEnrichment.patch(e.fields());
        String siren = number(e.siren(), 9);
        if (siren != null) {
            patch.put("siren", siren);
        }
        return patch;
    }

    /** The company's (or contact's) values for the fields the record there has, to show beside it in a conflict. */
    private static ObjectNode localView(Object record, long version, ObjectNode patch) {
        ObjectNode all = JSON.valueToTree(record);
        ObjectNode view = JSON.createObjectNode();
        patch.fieldNames().forEachRemaining(f -> view.set(f, all.get(f)));
        if (patch.has("address") && all.get("address") instanceof ObjectNode address) {
            ObjectNode a = view.putObject("address");
            patch.get("address").fieldNames().forEachRemaining(f -> a.set(f, address.get(f)));
        }
        view.put("version", version);
        return view;
    }

    private static String number(String value, int digits) {
        if (value == null) {
            return null;
        }
        String clean = InseeNumbers.clean(value);
        return clean != null && clean.length() == digits ? clean : null;
    }

    /** Recognises a record that did not change there since it was last seen. */
    static String fingerprint(ExternalCompany e) {
        CompanyEnrichment f = e.fields();
        return sha256(String.join("\u0001", nz(e.siren()), nz(f.legalName()), nz(f.nafCode()), nz(f.legalForm()),
                nz(f.workforceBracket()), nz(f.headOfficeSiret()), nz(f.addressLine1()), nz(f.postalCode()), nz(f.city())));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String describe(Throwable e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid.errors().stream().map(fe -> fe.field() + " " + fe.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

}
