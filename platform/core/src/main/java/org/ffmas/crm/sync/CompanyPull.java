package org.ffmas.crm.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.api.model.SyncBatch.ExternalCompany;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.InseeNumbers;
import org.ffmas.crm.partner.RegistryEnrichment;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a company pulled from a connector: links it to the company here with its SIREN/SIRET or
 * creates it, takes its changes unless the company also changed here (then records a conflict).
 */
final class CompanyPull {

    private static final Logger log = LoggerFactory.getLogger(CompanyPull.class);

    private final Database database;
    private final SyncRepository repository;
    private final CompanyService companies;
    private final Clock clock;

    CompanyPull(Database database, SyncRepository repository, CompanyService companies, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.companies = companies;
        this.clock = clock;
    }

    /** Applies the record in its own transaction; one refused is counted as an error and the run goes on. */
    void apply(ActiveRun run, ExternalCompany e) {
        String name = run.name();
        try {
            database.inTransaction(() -> {
                applyRecord(name, e, run.counts());
                return null;
            });
        } catch (InvalidInputException | ConflictException | DuplicateException | MergedException | NotFoundException refused) {
            run.counts().addError(name + " record " + e.externalId() + ": " + Failures.describe(refused));
            log.warn("sync of {} record {} refused: {}", name, e.externalId(), Failures.describe(refused));
        }
    }

    private void applyRecord(String name, ExternalCompany e, SyncCounts counts) {
        if (e.externalId() == null || e.externalId().isBlank() || e.fields() == null) {
            throw new InvalidInputException("externalId", "the connector gave a record without an id or fields");
        }
        String hash = Fingerprints.of(e);
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
                    repository.addConflict(name, here.id(), null, e.externalId(), ConflictViews.local(here, here.version(), patch), patch, hash,
                            clock.instant());
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
        ObjectNode local = ConflictViews.local(here, here.version(), patch);
        Optional<SyncConflict> open = repository.openConflict(name, here.id());
        if (open.isPresent()) {
            repository.refreshConflict(open.get().id(), local, patch, hash);
        } else {
            long id = repository.addConflict(name, here.id(), null, e.externalId(), local, patch, hash, clock.instant());
            counts.addConflict();
            log.info("sync of {}: company {} changed on both sides since the last sync; conflict {} recorded", name, here.id(), id);
        }
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

    private static String number(String value, int digits) {
        if (value == null) {
            return null;
        }
        String clean = InseeNumbers.clean(value);
        return clean != null && clean.length() == digits ? clean : null;
    }
}
