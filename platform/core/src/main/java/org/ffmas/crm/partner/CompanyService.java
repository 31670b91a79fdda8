package org.ffmas.crm.partner;

import org.ffmas.crm.common.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ffmas.crm.api.event.CompanyArchived;
import org.ffmas.crm.api.event.CompanyCreated;
import org.ffmas.crm.api.event.CompanyMerged;
import org.ffmas.crm.api.event.CompanyUpdated;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.security.Caller;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The federation's file of companies: create, change, archive, find duplicates, merge, timeline. */
public final class CompanyService {
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");

    private static final Logger log = LoggerFactory.getLogger(CompanyService.class);

    /** A likely duplicate, with a score from 0 to 1 and why. */
    public record DuplicateCandidate(Company company, double score, List<String> reasons) {}

    private final Database database;
    private final CompanyRepository companies;
    private final ContactRepository contacts;
    private final ActivityRepository activities;
    private final UserDirectory users;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;
    /** What other features move from a merged company to its target, in the merge's transaction. */
    private final List<java.util.function.BiConsumer<Long, Long>> mergeSteps = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CompanyService(Database database, CompanyRepository companies, ContactRepository contacts, ActivityRepository activities,
                          UserDirectory users, AuditService audit, EventBus events, Clock clock) {
        this.database = database;
        this.companies = companies;
        this.contacts = contacts;
        this.activities = activities;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A live company; 404 when there is none, 404 with {@code mergedInto} when it was merged. */
    public Company get(long id) {
        CompanyRepository.Stored s = companies.find(id).orElseThrow(() -> new NotFoundException("No company with id " + id + "."));
        if (s.mergedInto() != null) {
            throw new MergedException("Company " + id + " was merged into company " + s.mergedInto() + ".", s.mergedInto());
        }
        return s.company();
    }

    public Page<Company> list(CompanyQuery query, int page, int size) {
        return companies.search(query, page, size);
    }

    public void forEach(CompanyQuery query, Consumer<Company> each) {
        companies.forEach(query, 1000, each);
    }

    public Company create(Actor by, JsonNode body) {
        Validation v = new Validation();
        CompanyDraft d = new CompanyDraft();
        d.apply(JsonFields.of(body, v, CompanyDraft.FIELDS, CompanyDraft.READ_ONLY), v);
        d.validate(v);
        checkOwner(v, d.ownerId);
        v.throwIfAny();
        Instant now = clock.instant();
        Company created = database.inTransaction(() -> {
            refuseDuplicate(d, null);
            // a new company has no contacts yet: its search text is its own fields'
            long newId = companies.insert(d, SearchText.nameKey(d.legalName),
                    searchText(List.of(nz(d.legalName), nz(d.tradeName), nz(d.siren), nz(d.siret), nz(d.city), nz(d.postalCode)), List.of()), now);
            Company c = get(newId);
            audit.record(by, "company.created", "company", newId, Map.of("after", Changes.snapshot(c)));
            activities.insert(newId, null, ActivityKind.SYSTEM, "company.created", null, null, null, by.userId(), now);
            return c;
        });
        log.info("company {} created by user {}", created.id(), by.userId());
        events.publish(new CompanyCreated(created.id(), now, by.userId()));
        return created;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** What {@code q} searches: the company's names, numbers, city and postal code, and its contacts' names and e-mails. */
    private static String searchText(List<String> companyParts, List<String> contactParts) {
        StringBuilder text = new StringBuilder();
        for (String part : companyParts) {
            if (!part.isEmpty()) {
                text.append(SearchText.normalize(part)).append(' ');
            }
        }
        for (String contact : contactParts) {
            text.append(SearchText.normalize(contact)).append(' ');
        }
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    public Company update(Actor by, long id, JsonNode body) {
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, union(CompanyDraft.FIELDS, Set.of("version")), CompanyDraft.READ_ONLY);
        Long version = f.number("version");
        if (version == null && !v.has("version")) {
            v.error("version", "is required: send the version you read");
        }
        Company current = get(id);
        CompanyDraft d = CompanyDraft.of(current);
        d.apply(f, v);
        d.validate(v);
        if (f.has("ownerId") && !java.util.Objects.equals(d.ownerId, current.ownerId())) {
            checkOwner(v, d.ownerId);
        }
        v.throwIfAny();
        CompanyDraft unchanged = CompanyDraft.of(current);
        unchanged.validate(new Validation());
        if (d.sameAs(unchanged) && version != null && version == current.version()) {
            // nothing to write: the version stays, no audit, no event
            return current;
        }
        Instant now = clock.instant();
        Map<String, ?> changes = database.inTransaction(() -> {
            refuseDuplicate(d, id);
            if (!companies.update(id, version, d, SearchText.nameKey(d.legalName), now)) {
                throw ConflictException.staleVersion("Company " + id, version, get(id).version());
            }
            refreshSearchText(id);
            Map<String, ?> diff = Changes.between(current, get(id));
            if (!diff.isEmpty()) {
                audit.record(by, "company.updated", "company", id, Map.of("changes", diff));
            }
            return diff;
        });
        if (!changes.isEmpty()) {
            log.info("company {} updated by user {}: {}", id, by.userId(), changes.keySet());
            events.publish(new CompanyUpdated(id, Set.copyOf(changes.keySet()), now, by.userId()));
        }
        return get(id);
    }

    /** Archives (DELETE): the company and its history stay, out of everyday lists. */
    public Company archive(Actor by, long id) {
        Company current = get(id);
        if (current.status() == Status.ARCHIVED) {
            return current;
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            CompanyDraft d = CompanyDraft.of(current);
            d.status = Status.ARCHIVED;
            if (!companies.update(id, current.version(), d, SearchText.nameKey(d.legalName), now)) {
                throw ConflictException.staleVersion("Company " + id, current.version(), get(id).version());
            }
            audit.record(by, "company.archived", "company", id,
                    Map.of("changes", Changes.between(current, get(id))));
            activities.insert(id, null, ActivityKind.SYSTEM, "company.archived", null, null, null, by.userId(), now);
            return null;
        });
        log.info("company {} archived by user {}", id, by.userId());
        events.publish(new CompanyArchived(id, now, by.userId()));
        return get(id);
    }

    private void refuseDuplicate(CompanyDraft d, Long exceptId) {
        companies.findByNumber(d.siren, d.siret, exceptId).ifPresent(existing -> {
            String number = d.siret != null && d.siret.equals(existing.siret()) ? "SIRET " + d.siret : "SIREN " + d.siren;
            throw new DuplicateException("A company with " + number + " already exists: #" + existing.id() + " "
                    + existing.legalName() + ".", "company", existing.id());
        });
    }

    private void checkOwner(Validation v, Long ownerId) {
        if (ownerId != null && !users.isActiveUser(ownerId)) {
            v.error("ownerId", "is not an active staff user");
        }
    }

    /** Recomputes what {@code q} searches: names, numbers, city, and the contacts' names and e-mails. */
    void refreshSearchText(long id) {
        Company c = companies.find(id).orElseThrow().company();
        companies.updateSearchText(id, searchText(List.of(nz(c.legalName()), nz(c.tradeName()), nz(c.siren()), nz(c.siret()),
                nz(c.address().city()), nz(c.address().postalCode())), companies.contactSearchWords(id)));
    }

    /** Likely duplicates of a company, best first. */
    public List<DuplicateCandidate> duplicates(long id) {
        Company c = get(id);
        String nameKey = companies.nameKeyOf(id);
        List<DuplicateCandidate> out = new ArrayList<>();
        for (Company other : companies.duplicateCandidates(c, nameKey, 50)) {
            List<String> reasons = new ArrayList<>();
            double score = 0;
            if (c.siren() != null && c.siren().equals(other.siren())) {
                score += 0.6;
                reasons.add("same SIREN");
            }
            String otherKey = SearchText.nameKey(other.legalName());
            if (otherKey.equals(nameKey)) {
                score += 0.3;
                reasons.add("same name");
            } else if (otherKey.split(" ")[0].equals(nameKey.split(" ")[0])) {
                score += 0.15;
                reasons.add("similar name");
            }
            if (c.address().postalCode() != null && c.address().postalCode().equals(other.address().postalCode())) {
                score += 0.1;
                reasons.add("same postal code");
            }
            out.add(new DuplicateCandidate(other, Math.min(1.0, Math.round(score * 100) / 100.0), reasons));
        }
        out.sort(Comparator.comparingDouble(DuplicateCandidate::score).reversed().thenComparing(d -> d.company().id()));
        return out;
    }

    /**
     * Merges {@code sourceId} into {@code targetId} in one transaction: contacts, timeline and tags
     * move; a field empty on the target takes the source's value; where both have one, the
     * target's stays unless {@code takeFromSource} names the field.
     */
    public Company merge(Actor by, long targetId, Long sourceId, List<String> takeFromSource) {
        Validation v = new Validation();
        if (sourceId == null) {
            v.error("sourceId", "is required");
        } else if (sourceId == targetId) {
            v.error("sourceId", "must be another company than the target");
        }
        for (String field : takeFromSource) {
            if (!CompanyDraft.FIELDS.contains(field) || field.equals("tags")) {
                v.error("takeFromSource", "'" + field + "' is not a company field that can be taken from the source");
            }
        }
        v.throwIfAny();
        Company target = get(targetId);
        Company source;
        try {
            source = get(sourceId);
        } catch (NotFoundException | MergedException e) {
            throw new InvalidInputException("sourceId", e.getMessage());
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            CompanyDraft merged = CompanyDraft.of(target);
            CompanyDraft from = CompanyDraft.of(source);
            Map<String, Object> conflicts = new LinkedHashMap<>();
            fill(merged, from, takeFromSource, conflicts);
            List<String> tags = new ArrayList<>(merged.tags);
            from.tags.stream().filter(t -> tags.stream().noneMatch(x -> x.equalsIgnoreCase(t))).forEach(tags::add);
            merged.tags = tags.size() > 30 ? tags.subList(0, 30) : tags;
            // the source stops being a live company first: its SIREN may pass to the target
            companies.markMerged(sourceId, targetId, now);
            companies.redirectMerged(sourceId, targetId);
            if (!companies.update(targetId, target.version(), merged, SearchText.nameKey(merged.legalName), now)) {
                throw ConflictException.staleVersion("Company " + targetId, target.version(), get(targetId).version());
            }
            contacts.moveAll(sourceId, targetId, now);
            activities.moveAll(sourceId, targetId);
            mergeSteps.forEach(step -> step.accept(sourceId, targetId));
            refreshSearchText(targetId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sourceId", sourceId);
            details.put("source", Changes.snapshot(source));
            details.put("changes", Changes.between(target, get(targetId)));
            details.put("keptFromTarget", conflicts);
            audit.record(by, "company.merged", "company", targetId, details);
            audit.record(by, "company.merged_into", "company", sourceId, Map.of("targetId", targetId));
            activities.insert(targetId, null, ActivityKind.SYSTEM, "company.merged",
                    "Fusion de #" + sourceId + " " + source.legalName(), null, null, by.userId(), now);
            return null;
        });
        log.info("company {} merged into {} by user {}", sourceId, targetId, by.userId());
        events.publish(new CompanyMerged(targetId, sourceId, now, by.userId()));
        return get(targetId);
    }

    /** Fills the target's empty fields from the source, and takes the fields asked for. */
    private static void fill(CompanyDraft t, CompanyDraft s, List<String> take, Map<String, Object> conflicts) {
        t.legalName = pick("legalName", t.legalName, s.legalName, take, conflicts);
        t.tradeName = pick("tradeName", t.tradeName, s.tradeName, take, conflicts);
        t.siren = pick("siren", t.siren, s.siren, take, conflicts);
        t.siret = pick("siret", t.siret, s.siret, take, conflicts);
        t.nafCode = pick("nafCode", t.nafCode, s.nafCode, take, conflicts);
        t.legalForm = pick("legalForm", t.legalForm, s.legalForm, take, conflicts);
        t.sector = pick("sector", t.sector, s.sector, take, conflicts);
        t.sizeBracket = pick("sizeBracket", t.sizeBracket, s.sizeBracket, take, conflicts);
        t.workforceBracket = pick("workforceBracket", t.workforceBracket, s.workforceBracket, take, conflicts);
        if (take.contains("address") || t.line1 == null && t.postalCode == null && t.city == null) {
            t.line1 = s.line1;
            t.line2 = s.line2;
            t.postalCode = s.postalCode;
            t.city = s.city;
            t.country = s.country;
        } else if (s.line1 != null || s.postalCode != null || s.city != null) {
            conflicts.put("address", "target's kept");
        }
        t.website = pick("website", t.website, s.website, take, conflicts);
        t.phone = pick("phone", t.phone, s.phone, take, conflicts);
        t.status = pick("status", t.status, s.status, take, conflicts);
        t.ownerId = pick("ownerId", t.ownerId, s.ownerId, take, conflicts);
        if (s.notes != null && t.notes != null && !take.contains("notes") && !t.notes.equals(s.notes)) {
            // notes are not a conflict: both are kept
            t.notes = t.notes + "\n\n" + s.notes;
        } else {
            t.notes = pick("notes", t.notes, s.notes, take, conflicts);
        }
    }

    private static <T> T pick(String field, T target, T source, List<String> take, Map<String, Object> conflicts) {
        if (source == null) {
            return target;
        }
        if (target == null || take.contains(field)) {
            return source;
        }
        if (!target.equals(source)) {
            conflicts.put(field, "target's kept");
        }
        return target;
    }

    /** What an imported row did. */
    public enum ImportOutcome { CREATED, UPDATED, UNCHANGED }

    /** An imported row's outcome and the record it concerned. */
    public record ImportResult(ImportOutcome outcome, long id) {}

    /**
     * Upserts a company from an import row (fields named as in the API, empty cells left out) by
     * its natural key: SIREN or SIRET, else normalised name and postal code. A row that would
     * change nothing changes nothing, so importing the same file twice is harmless.
     */
    public ImportResult importRow(Actor by, com.fasterxml.jackson.databind.node.ObjectNode fields) {
        Validation v = new Validation();
        CompanyDraft incoming = new CompanyDraft();
        incoming.apply(JsonFields.of(fields, v, CompanyDraft.FIELDS, CompanyDraft.READ_ONLY), v);
        incoming.validate(v);
        v.throwIfAny();
        Optional<Company> existing = companies.findByNumber(incoming.siren, incoming.siret, null);
        if (existing.isEmpty() && incoming.siren == null && incoming.siret == null) {
            existing = companies.findByNameKey(SearchText.nameKey(incoming.legalName), incoming.postalCode).stream().findFirst();
        }
        if (existing.isEmpty()) {
            return new ImportResult(ImportOutcome.CREATED, create(by, fields).id());
        }
        Company current = get(existing.get().id());
        com.fasterxml.jackson.databind.node.ObjectNode patch = fields.deepCopy();
        patch.put("version", current.version());
        // update() writes nothing when the row changes nothing: the version tells which happened
        if (update(by, current.id(), patch).version() == current.version()) {
            return new ImportResult(ImportOutcome.UNCHANGED, current.id());
        }
        return new ImportResult(ImportOutcome.UPDATED, current.id());
    }

    /** What one row of an import chunk did, or why it was refused. */
    public record RowOutcome(ImportResult result, RuntimeException refusal) {}

    /**
     * An import chunk validated and keyed, made without the database: the rows refused already,
     * the drafts of the others and their natural keys ({@code siren:…}, {@code siret:…},
     * {@code name:…}).
     */
    public static final class PreparedRows {
        private final List<com.fasterxml.jackson.databind.node.ObjectNode> rows;
        private final RowOutcome[] out;
        private final CompanyDraft[] drafts;
        private final String[] nameKeys;
        private final java.util.Set<String> keys = new java.util.HashSet<>();

        private PreparedRows(List<com.fasterxml.jackson.databind.node.ObjectNode> rows) {
            this.rows = rows;
            this.out = new RowOutcome[rows.size()];
            this.drafts = new CompanyDraft[rows.size()];
            this.nameKeys = new String[rows.size()];
        }

        /** The natural keys of the chunk's valid rows: two chunks sharing none can be stored side by side. */
        public java.util.Set<String> keys() {
            return keys;
        }
    }

    /** Validates a chunk of import rows (fields named as in the API) for {@link #storeRows}. */
    public PreparedRows prepareRows(List<com.fasterxml.jackson.databind.node.ObjectNode> rows) {
        PreparedRows p = new PreparedRows(rows);
        for (int i = 0; i < rows.size(); i++) {
            try {
                Validation v = new Validation();
                CompanyDraft d = new CompanyDraft();
                d.apply(JsonFields.of(rows.get(i), v, CompanyDraft.FIELDS, CompanyDraft.READ_ONLY), v);
                d.validate(v);
                v.throwIfAny();
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

    /**
     * Upserts a prepared chunk, as {@link #importRow} does one by one, but writes the rows that
     * are new companies (no SIREN, SIRET or name key already there nor earlier in the chunk) with
     * one statement per table. Call inside a transaction. Outcomes are in the rows' order.
     */
    public List<RowOutcome> storeRows(Actor by, PreparedRows p) {
        int n = p.rows.size();
        RowOutcome[] out = p.out.clone();
        CompanyDraft[] drafts = p.drafts;
        String[] keys = p.nameKeys;
        java.util.Set<String> sirens = new java.util.HashSet<>();
        java.util.Set<String> sirets = new java.util.HashSet<>();
        java.util.Set<String> nameKeys = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
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
        java.util.Set<String> taken = companies.takenKeys(sirens, sirets, nameKeys);
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
                    : java.util.stream.Stream.of(d.siren == null ? null : "siren:" + d.siren, d.siret == null ? null : "siret:" + d.siret)
                            .filter(java.util.Objects::nonNull).toList();
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
                java.util.Collections.sort(oneByOne);
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
        return java.util.Arrays.asList(out);
    }

    private List<Long> insertNew(Actor by, List<CompanyDraft> drafts, List<String> nameKeys) {
        Instant now = clock.instant();
        List<String> texts = drafts.stream().map(d -> searchText(List.of(nz(d.legalName), nz(d.tradeName), nz(d.siren), nz(d.siret), nz(d.city),
                nz(d.postalCode)), List.of())).toList();
        List<Company> created = companies.insertAll(drafts, nameKeys, texts, now);
        List<Long> ids = created.stream().map(Company::id).toList();
        Map<Long, Map<String, ?>> details = new java.util.LinkedHashMap<>();
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

    /** The live company an import row names: by SIREN, else by its exact normalised name. */
    public Optional<Long> findForImport(String siren, String name, Validation v) {
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
    public Optional<Company> findByNumbers(String siren, String siret) {
        if (siren == null && siret == null) {
            return Optional.empty();
        }
        return companies.findByNumber(siren, siret, null);
    }

    /** Whether this change (fields named as in the API) would change the company: false when it already says the same. */
    public boolean wouldChange(long id, JsonNode patch) {
        Validation v = new Validation();
        Company current = get(id);
        CompanyDraft d = CompanyDraft.of(current);
        d.apply(JsonFields.of(patch, v, CompanyDraft.FIELDS, CompanyDraft.READ_ONLY), v);
        d.validate(v);
        CompanyDraft unchanged = CompanyDraft.of(current);
        unchanged.validate(new Validation());
        return !v.isEmpty() || !d.sameAs(unchanged);
    }

    /** Registers what a feature moves from a merged company to its target (e.g. agreements). */
    public void onMerge(java.util.function.BiConsumer<Long, Long> step) {
        mergeSteps.add(step);
    }

    /** Puts an event of the platform (e.g. {@code agreement.signed}) on a company's timeline. */
    public void recordSystemEvent(long companyId, String event, String text, Long actorId) {
        activities.insert(companyId, null, ActivityKind.SYSTEM, event, text, null, null, actorId, clock.instant());
    }

    /** Puts a mail sent or received by the platform (EMAIL_OUT, EMAIL_IN) on a company's timeline. */
    public void recordMail(long companyId, Long contactId, boolean outgoing, String text) {
        activities.insert(companyId, contactId, outgoing ? ActivityKind.EMAIL_OUT : ActivityKind.EMAIL_IN, null, text, null, null, null,
                clock.instant());
    }

    /** Puts a TASK of the platform's (e.g. a renewal reminder) on a company's timeline. */
    public void addTask(long companyId, String text, Instant dueAt, Long ownerId) {
        activities.insert(companyId, null, ActivityKind.TASK, "agreement.renewal_reminder", text, dueAt, null, ownerId, clock.instant());
    }

    /**
     * The one place a company's partner status follows its agreements: PARTNER while one is
     * ACTIVE; FORMER_PARTNER when none is active any more but one was signed; else unchanged.
     * Called in the transaction of every agreement transition.
     */
    public void followAgreements(Actor by, long companyId, boolean hasActiveAgreement, boolean everSigned) {
        Company current = get(companyId);
        Status wanted = hasActiveAgreement ? Status.PARTNER
                : everSigned && current.status() == Status.PARTNER ? Status.FORMER_PARTNER : current.status();
        if (wanted == current.status() || current.status() == Status.ARCHIVED && !hasActiveAgreement) {
            return;
        }
        CompanyDraft d = CompanyDraft.of(current);
        d.status = wanted;
        Instant now = clock.instant();
        if (!companies.update(companyId, current.version(), d, SearchText.nameKey(d.legalName), now)) {
            throw ConflictException.staleVersion("Company " + companyId, current.version(), get(companyId).version());
        }
        audit.record(by, "company.updated", "company", companyId,
                Map.of("changes", Changes.between(current, get(companyId)), "cause", "agreements"));
        log.info("company {} is now {} (agreements)", companyId, wanted);
    }

    /** Adds a note, call, meeting, mail or task to a company's timeline. */
    public Activity addActivity(Actor by, long companyId, JsonNode body) {
        get(companyId);
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, Set.of("kind", "text", "contactId", "dueAt", "doneAt"), Set.of("id", "createdAt", "authorId"));
        ActivityKind kind = org.ffmas.crm.common.Enums.parse(v, "kind", f.text("kind"), ActivityKind.class);
        if (kind == null && !v.has("kind")) {
            v.error("kind", "is required");
        }
        if (kind == ActivityKind.SYSTEM) {
            v.error("kind", "SYSTEM entries are written by the platform");
        }
        String text = v.multilineText("text", f.text("text"), 10_000);
        if (text == null && !v.has("text")) {
            v.error("text", "is required");
        }
        Long contactId = f.number("contactId");
        if (contactId != null && contacts.find(contactId).map(c -> c.companyId() != companyId).orElse(true)) {
            v.error("contactId", "is not a contact of this company");
        }
        Instant dueAt = v.instant("dueAt", f.text("dueAt"));
        Instant doneAt = v.instant("doneAt", f.text("doneAt"));
        if (dueAt != null && kind != ActivityKind.TASK) {
            v.error("dueAt", "is only for a TASK");
        }
        v.throwIfAny();
        Instant now = clock.instant();
        long id = database.inTransaction(() -> {
            long newId = activities.insert(companyId, contactId, kind, null, text, dueAt, doneAt, by.userId(), now);
            audit.record(by, "activity.created", "company", companyId, Map.of("activityId", newId, "kind", kind.name()));
            return newId;
        });
        return activities.find(id).orElseThrow();
    }

    /** The timeline, newest first. */
    public Page<Activity> timeline(long companyId, int page, int size) {
        get(companyId);
        return new Page<>(activities.timeline(companyId, size, (page - 1) * size), activities.count(companyId), page, size);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
