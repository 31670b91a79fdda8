package org.ffmas.crm.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.ffmas.crm.api.event.CompanyCreated;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyService.ImportOutcome;
import org.ffmas.crm.partner.CompanyService.ImportResult;
import org.ffmas.crm.partner.CompanyService.PreparedRows;
import org.ffmas.crm.partner.CompanyService.RowOutcome;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Companies upserted from import rows by their natural key (SIREN or SIRET, else normalised
 * name and postal code): one by one, or a chunk's new companies with one statement per table.
 */
final class CompanyImports {

    private static final Logger log = LoggerFactory.getLogger(CompanyService.class);

    private final Database database;
    private final CompanyEditor editor;
    private final CompanyRepository companies;
    private final CompanyBulkInserts bulk;
    private final ActivityRepository activities;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;

    CompanyImports(Database database, CompanyEditor editor, CompanyRepository companies, CompanyBulkInserts bulk,
                   ActivityRepository activities, AuditService audit, EventBus events, Clock clock) {
        this.database = database;
        this.editor = editor;
        this.companies = companies;
        this.bulk = bulk;
        this.activities = activities;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** See {@link CompanyService#importRow}. */
    ImportResult importRow(Actor by, NewCompany row) {
        CompanyDraft incoming = draft(row);
        Optional<Company> existing = companies.findByNumber(incoming.siren, incoming.siret, null);
        if (existing.isEmpty() && incoming.siren == null && incoming.siret == null) {
            existing = companies.findByNameKey(SearchText.nameKey(incoming.legalName), incoming.postalCode).stream().findFirst();
        }
        if (existing.isEmpty()) {
            return new ImportResult(ImportOutcome.CREATED, editor.create(by, row).id());
        }
        Company current = editor.get(existing.get().id());
        // update() writes nothing when the row changes nothing: the version tells which happened
        if (editor.update(by, current.id(), row.asChange(current.version())).version() == current.version()) {
            return new ImportResult(ImportOutcome.UNCHANGED, current.id());
        }
        return new ImportResult(ImportOutcome.UPDATED, current.id());
    }

    /** A row's fields validated into a new company's draft; 400 when they are not valid. */
    private static CompanyDraft draft(NewCompany row) {
        Validation v = new Validation();
        row.errors().reportTo(v);
        CompanyDraft d = new CompanyDraft();
        d.apply(row.fields());
        d.validate(v);
        v.throwIfAny();
        return d;
    }

    /** See {@link CompanyService#prepareRows}. */
    PreparedRows prepareRows(List<NewCompany> rows) {
        PreparedRows p = new PreparedRows(rows);
        for (int i = 0; i < rows.size(); i++) {
            try {
                CompanyDraft d = draft(rows.get(i));
                p.drafts[i] = d;
                p.nameKeys[i] = SearchText.nameKey(d.legalName);
                p.keys.add("name:" + p.nameKeys[i]);
                if (d.siren != null) {
                    p.keys.add("siren:" + d.siren);
                }
                if (d.siret != null) {
                    p.keys.add("siret:" + d.siret);
                }
            } catch (InvalidInputException e) {
                p.out[i] = new RowOutcome(null, e);
            }
        }
        return p;
    }

    /** See {@link CompanyService#storeRows}. */
    List<RowOutcome> storeRows(Actor by, PreparedRows p) {
        int n = p.rows.size();
        RowOutcome[] out = p.out.clone();
        CompanyDraft[] drafts = p.drafts;
        String[] keys = p.nameKeys;
        Set<String> taken = takenKeys(drafts, keys);
        List<Integer> fresh = new ArrayList<>();
        List<Integer> oneByOne = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompanyDraft d = drafts[i];
            if (d == null) {
                continue;
            }
            // a company already there, or named twice in the chunk, takes the careful way
            List<String> own = d.siren == null && d.siret == null
                    ? List.of("name:" + keys[i], d.postalCode == null ? "name:" + keys[i] : "name:" + keys[i] + "|" + d.postalCode)
                    : Stream.of(d.siren == null ? null : "siren:" + d.siren, d.siret == null ? null : "siret:" + d.siret)
                            .filter(Objects::nonNull).toList();
            String namePrefix = "name:" + keys[i] + "|";
            boolean clash = own.stream().anyMatch(taken::contains)
                    || d.siren == null && d.siret == null && d.postalCode == null && taken.stream().anyMatch(k -> k.startsWith(namePrefix));
            if (clash) {
                oneByOne.add(i);
            } else {
                fresh.add(i);
                taken.addAll(own);
                taken.add("name:" + keys[i]);
            }
        }
        if (!fresh.isEmpty()) {
            try {
                List<Long> ids = database.inTransaction(() -> insertNew(by, fresh.stream().map(i -> drafts[i]).toList(),
                        fresh.stream().map(i -> keys[i]).toList()));
                for (int k = 0; k < fresh.size(); k++) {
                    out[fresh.get(k)] = new RowOutcome(new ImportResult(ImportOutcome.CREATED, ids.get(k)), null);
                }
            } catch (RuntimeException e) {
                // e.g. a company created meanwhile by someone else: the careful way sorts it out row by row
                log.info("an import chunk's {} new companies go one by one: {}", fresh.size(), e.getMessage());
                oneByOne.addAll(fresh);
                Collections.sort(oneByOne);
            }
        }
        for (int i : oneByOne) {
            try {
                int row = i;
                out[i] = new RowOutcome(database.inTransaction(() -> importRow(by, p.rows.get(row))), null);
            } catch (RuntimeException e) {
                out[i] = new RowOutcome(null, e);
            }
        }
        return Arrays.asList(out);
    }

    /** The natural keys of the chunk's valid rows that live companies already have. */
    private Set<String> takenKeys(CompanyDraft[] drafts, String[] keys) {
        Set<String> sirens = new HashSet<>();
        Set<String> sirets = new HashSet<>();
        Set<String> nameKeys = new HashSet<>();
        for (int i = 0; i < drafts.length; i++) {
            CompanyDraft d = drafts[i];
            if (d != null) {
                if (d.siren != null) {
                    sirens.add(d.siren);
                }
                if (d.siret != null) {
                    sirets.add(d.siret);
                }
                if (d.siren == null && d.siret == null) {
                    nameKeys.add(keys[i]);
                }
            }
        }
        return companies.takenKeys(sirens, sirets, nameKeys);
    }

    private List<Long> insertNew(Actor by, List<CompanyDraft> drafts, List<String> nameKeys) {
        Instant now = clock.instant();
        List<String> texts = drafts.stream().map(d -> CompanyEditor.searchTextOfNew(d, now)).toList();
        List<Company> created = bulk.insertAll(drafts, nameKeys, texts, now);
        List<Long> ids = created.stream().map(Company::id).toList();
        Map<Long, Map<String, ?>> details = new LinkedHashMap<>();
        for (Company c : created) {
            details.put(c.id(), Map.of("after", Changes.compactSnapshot(c)));
        }
        audit.recordAll(by, "company.created", "company", details);
        activities.insertSystemEvents(ids, "company.created", by.userId(), now);
        for (long id : ids) {
            events.publish(new CompanyCreated(id, now, by.userId()));
        }
        return ids;
    }

    /** See {@link CompanyService#findForImport}. */
    Optional<Long> findForImport(String siren, String name, Validation v) {
        if (siren != null && !siren.isBlank()) {
            String clean = InseeNumbers.clean(siren);
            Optional<Company> bySiren = companies.findByNumber(clean, null, null);
            if (bySiren.isEmpty()) {
                v.error("company", "no company with SIREN " + clean);
            }
            return bySiren.map(Company::id);
        }
        if (name != null && !name.isBlank()) {
            List<Company> byName = companies.findByNameKey(SearchText.nameKey(name), null);
            if (byName.size() > 1) {
                v.error("company", "'" + name + "' names " + byName.size() + " companies; give the SIREN");
                return Optional.empty();
            }
            if (byName.isEmpty()) {
                v.error("company", "no company named '" + name + "'");
            }
            return byName.stream().findFirst().map(Company::id);
        }
        v.error("company", "is required: give the company's SIREN or name");
        return Optional.empty();
    }

    /** The live company with this SIREN or SIRET, if any. */
    Optional<Company> findByNumbers(String siren, String siret) {
        if (siren == null && siret == null) {
            return Optional.empty();
        }
        return companies.findByNumber(siren, siret, null);
    }
}
