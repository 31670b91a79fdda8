package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.storage.BulkLoad;
import org.ffmas.crm.storage.jooq.tables.records.CompanyRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** The {@code company} and {@code company_tag} tables. */
public final class CompanyRepository {

    /** A company row with what the API does not show: the company it was merged into. */
    record Stored(Company company, Long mergedInto) {}

    /** A possible duplicate and what it shares with the company. */
    record Candidate(Company company, boolean sameSiren, boolean sameNameKey, boolean samePostalCode, boolean similarName) {}

    private final DSLContext db;

    public CompanyRepository(DSLContext db) {
        this.db = db;
    }

    long insert(CompanyDraft d, String nameKey, String searchText, Instant now) {
        long id = db.insertInto(COMPANY)
                .set(columns(d, nameKey))
                .set(COMPANY.SEARCH_TEXT, searchText)
                .set(COMPANY.VERSION, 1L)
                .set(COMPANY.CREATED_AT, Clocks.utc(now))
                .set(COMPANY.UPDATED_AT, Clocks.utc(now))
                .returningResult(COMPANY.ID).fetchOne().value1();
        if (!d.tags.isEmpty()) {
            insertTags(id, d.tags);
        }
        return id;
    }

    /**
     * Inserts new companies (an import's chunk) in one statement per table, in the drafts' order;
     * returns them as they are now stored, made from the drafts and the new ids without reading
     * the rows back.
     */
    List<Company> insertAll(List<CompanyDraft> drafts, List<String> nameKeys, List<String> searchTexts, Instant now) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        java.time.LocalDateTime at = Clocks.utc(now);
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Map<Field<?>, Object> values = columns(drafts.get(i), nameKeys.get(i));
            values.put(COMPANY.SEARCH_TEXT, searchTexts.get(i));
            values.put(COMPANY.VERSION, 1L);
            values.put(COMPANY.CREATED_AT, at);
            values.put(COMPANY.UPDATED_AT, at);
            rows.add(INSERTED.stream().map(values::get).toArray());
        }
        java.util.OptionalLong first = BulkLoad.load(db, COMPANY, INSERTED, rows);
        List<Long> ids = first.isPresent() ? loadedIds(first.getAsLong(), nameKeys)
                : db.insertInto(COMPANY, INSERTED).valuesOfRows(rows.stream().map(DSL::row).toList()).returningResult(COMPANY.ID).fetch(r -> r.value1());
        if (ids.size() != drafts.size()) {
            throw new IllegalStateException("inserted " + drafts.size() + " companies, got " + ids.size() + " ids back");
        }
        List<Object[]> tags = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            for (String tag : new java.util.LinkedHashSet<>(drafts.get(i).tags)) {
                tags.add(new Object[] {ids.get(i), tag});
            }
        }
        if (BulkLoad.load(db, COMPANY_TAG, List.of(COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG), tags).isEmpty()) {
            db.insertInto(COMPANY_TAG, COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG)
                    .valuesOfRows(tags.stream().map(t -> DSL.row((Long) t[0], (String) t[1])).toList()).execute();
        }
        Instant stored = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<Company> created = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            CompanyDraft d = drafts.get(i);
            FrenchGeography.Place place = d.place();
            created.add(new Company(ids.get(i), d.legalName, d.tradeName, d.siren, d.siret, d.nafCode, d.legalForm, d.sector, d.sizeBracket,
                    d.workforceBracket, new Company.Address(d.line1, d.line2, d.postalCode, d.city, d.country),
                    place == null ? null : place.department(), place == null ? null : place.region(), d.website, d.phone, d.status,
                    d.ownerId, new java.util.LinkedHashSet<>(d.tags).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), d.notes, 1L,
                    stored, stored));
        }
        return created;
    }

    /** The columns a new company is written with, in the order of the values {@link #insertAll} loads. */
    private static final List<Field<?>> INSERTED = List.of(COMPANY.LEGAL_NAME, COMPANY.TRADE_NAME, COMPANY.SIREN, COMPANY.SIRET,
            COMPANY.NAF_CODE, COMPANY.LEGAL_FORM, COMPANY.SECTOR, COMPANY.SIZE_BRACKET, COMPANY.WORKFORCE_BRACKET, COMPANY.ADDRESS_LINE1,
            COMPANY.ADDRESS_LINE2, COMPANY.POSTAL_CODE, COMPANY.CITY, COMPANY.COUNTRY, COMPANY.DEPARTMENT, COMPANY.REGION, COMPANY.WEBSITE,
            COMPANY.PHONE, COMPANY.STATUS, COMPANY.OWNER_ID, COMPANY.NOTES, COMPANY.NAME_KEY, COMPANY.SEARCH_TEXT, COMPANY.VERSION,
            COMPANY.CREATED_AT, COMPANY.UPDATED_AT);

    /**
     * The ids of rows just loaded, in order, from the first one: read back and checked against
     * the name keys loaded, as ids a concurrent writer interleaved would make them wrong.
     */
    private List<Long> loadedIds(long first, List<String> nameKeys) {
        List<Long> ids = new ArrayList<>(nameKeys.size());
        List<String> keys = new ArrayList<>(nameKeys.size());
        db.select(COMPANY.ID, COMPANY.NAME_KEY).from(COMPANY).where(COMPANY.ID.ge(first)).orderBy(COMPANY.ID).limit(nameKeys.size())
                .forEach(r -> {
                    ids.add(r.value1());
                    keys.add(r.value2());
                });
        if (!keys.equals(nameKeys)) {
            throw new IllegalStateException("the companies loaded from id " + first + " are not the ones written");
        }
        return ids;
    }

    /** Which of these numbers and name keys live companies already have, as {@code siren:…}, {@code siret:…}, {@code name:…} and {@code name:…|postal}. */
    java.util.Set<String> takenKeys(Collection<String> sirens, Collection<String> sirets, Collection<String> nameKeys) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        Condition live = COMPANY.MERGED_INTO_ID.isNull();
        // the index named: past 200 values (eq_range_index_dive_limit) MariaDB goes by its
        // statistics, which after a bulk load into a new table chose to read the whole table for
        // every chunk of an import
        if (!sirens.isEmpty()) {
            db.select(COMPANY.SIREN).from(COMPANY.forceIndex("ix_company_siren")).where(live, COMPANY.SIREN.in(sirens))
                    .forEach(r -> taken.add("siren:" + r.value1()));
        }
        if (!sirets.isEmpty()) {
            db.select(COMPANY.SIRET).from(COMPANY.forceIndex("ix_company_siret")).where(live, COMPANY.SIRET.in(sirets))
                    .forEach(r -> taken.add("siret:" + r.value1()));
        }
        if (!nameKeys.isEmpty()) {
            db.select(COMPANY.NAME_KEY, COMPANY.POSTAL_CODE).from(COMPANY.forceIndex("ix_company_name_key")).where(live, COMPANY.NAME_KEY.in(nameKeys)).forEach(r -> {
                taken.add("name:" + r.value1());
                taken.add("name:" + r.value1() + "|" + r.value2());
            });
        }
        return taken;
    }

    /** Writes the draft if {@code version} is still current; false when it is stale. */
    boolean update(long id, long version, CompanyDraft d, String nameKey, Instant now) {
        int rows = db.update(COMPANY)
                .set(columns(d, nameKey))
                .set(COMPANY.VERSION, version + 1)
                .set(COMPANY.UPDATED_AT, Clocks.utc(now))
                .where(COMPANY.ID.eq(id).and(COMPANY.VERSION.eq(version)))
                .execute();
        if (rows == 1) {
            setTags(id, d.tags);
        }
        return rows == 1;
    }

    private static Map<Field<?>, Object> columns(CompanyDraft d, String nameKey) {
        FrenchGeography.Place place = d.place();
        Map<Field<?>, Object> m = new HashMap<>();
        m.put(COMPANY.LEGAL_NAME, d.legalName);
        m.put(COMPANY.TRADE_NAME, d.tradeName);
        m.put(COMPANY.SIREN, d.siren);
        m.put(COMPANY.SIRET, d.siret);
        m.put(COMPANY.NAF_CODE, d.nafCode);
        m.put(COMPANY.LEGAL_FORM, d.legalForm);
        m.put(COMPANY.SECTOR, d.sector == null ? null : d.sector.name());
        m.put(COMPANY.SIZE_BRACKET, d.sizeBracket == null ? null : d.sizeBracket.name());
        m.put(COMPANY.WORKFORCE_BRACKET, d.workforceBracket);
        m.put(COMPANY.ADDRESS_LINE1, d.line1);
        m.put(COMPANY.ADDRESS_LINE2, d.line2);
        m.put(COMPANY.POSTAL_CODE, d.postalCode);
        m.put(COMPANY.CITY, d.city);
        m.put(COMPANY.COUNTRY, d.country);
        m.put(COMPANY.DEPARTMENT, place == null ? null : place.department());
        m.put(COMPANY.REGION, place == null ? null : place.region());
        m.put(COMPANY.WEBSITE, d.website);
        m.put(COMPANY.PHONE, d.phone);
        m.put(COMPANY.STATUS, d.status.name());
        m.put(COMPANY.OWNER_ID, d.ownerId);
        m.put(COMPANY.NOTES, d.notes);
        m.put(COMPANY.NAME_KEY, nameKey);
        return m;
    }

    private void setTags(long id, List<String> tags) {
        db.deleteFrom(COMPANY_TAG).where(COMPANY_TAG.COMPANY_ID.eq(id)).execute();
        if (!tags.isEmpty()) {
            insertTags(id, tags);
        }
    }

    private void insertTags(long id, List<String> tags) {
        var insert = db.insertInto(COMPANY_TAG, COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG);
        for (String t : tags) {
            insert = insert.values(id, t);
        }
        insert.execute();
    }

    void updateSearchText(long id, String searchText) {
        db.update(COMPANY).set(COMPANY.SEARCH_TEXT, searchText).where(COMPANY.ID.eq(id)).execute();
    }

    /** Names and e-mails of a company's active contacts, for its search text. */
    List<String> contactSearchWords(long companyId) {
        return db.select(CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.EMAIL).from(CONTACT)
                .where(CONTACT.COMPANY_ID.eq(companyId).and(CONTACT.ARCHIVED_AT.isNull()))
                .fetch(r -> String.join(" ", nz(r.value1()), nz(r.value2()), nz(r.value3())));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    Optional<Stored> find(long id) {
        return db.selectFrom(COMPANY).where(COMPANY.ID.eq(id)).fetchOptional()
                .map(r -> new Stored(toCompany(r, tagsOf(List.of(id)).getOrDefault(id, List.of())), r.getMergedIntoId()));
    }

    /** A live (not merged) company with this SIREN or SIRET, other than {@code exceptId}. */
    Optional<Company> findByNumber(String siren, String siret, Long exceptId) {
        Condition same = DSL.falseCondition();
        if (siret != null) {
            same = same.or(COMPANY.SIRET.eq(siret));
        }
        if (siren != null) {
            // same SIREN is the same legal unit, unless both name different establishments (SIRETs)
            Condition sirenClash = COMPANY.SIREN.eq(siren);
            if (siret != null) {
                sirenClash = sirenClash.and(COMPANY.SIRET.isNull());
            }
            same = same.or(sirenClash);
        }
        Condition c = same.and(COMPANY.MERGED_INTO_ID.isNull());
        if (exceptId != null) {
            c = c.and(COMPANY.ID.ne(exceptId));
        }
        return db.selectFrom(COMPANY).where(c).orderBy(COMPANY.ID).limit(1).fetchOptional(r -> toCompany(r, List.of()));
    }

    Page<Company> search(CompanyQuery q, int page, int size) {
        Condition where = condition(q);
        if (q.q() == null || q.q().isBlank()) {
            // without text the page is read in index order: counting apart keeps that cheap
            long total = db.fetchCount(COMPANY, where);
            List<CompanyRecord> rows = db.selectFrom(COMPANY).where(where).orderBy(order(q.sort()))
                    .limit(size).offset((long) (page - 1) * size).fetch();
            return new Page<>(withTags(rows), total, page, size);
        }
        // a text search is the costly part: a window count gets the total from the same evaluation
        Field<Integer> total = DSL.count().over().as("total");
        var result = db.select(COMPANY.asterisk(), total).from(COMPANY).where(where).orderBy(order(q.sort()))
                .limit(size).offset((long) (page - 1) * size).fetch();
        long count = result.isEmpty() ? (page == 1 ? 0 : db.fetchCount(COMPANY, where)) : result.get(0).get(total);
        return new Page<>(withTags(result.map(r -> r.into(COMPANY))), count, page, size);
    }

    /** Every company the query matches, in its order, a page at a time (for exports). */
    void forEach(CompanyQuery q, int batch, Consumer<Company> each) {
        Condition where = condition(q);
        int offset = 0;
        while (true) {
            List<CompanyRecord> rows = db.selectFrom(COMPANY).where(where).orderBy(order(q.sort())).limit(batch).offset(offset).fetch();
            withTags(rows).forEach(each);
            if (rows.size() < batch) {
                return;
            }
            offset += batch;
        }
    }

    private List<Company> withTags(List<CompanyRecord> rows) {
        Map<Long, List<String>> tags = tagsOf(rows.stream().map(CompanyRecord::getId).toList());
        return rows.stream().map(r -> toCompany(r, tags.getOrDefault(r.getId(), List.of()))).toList();
    }

    private static Condition condition(CompanyQuery q) {
        List<Condition> c = new ArrayList<>();
        c.add(COMPANY.MERGED_INTO_ID.isNull());
        if (q.statuses().isEmpty()) {
            c.add(COMPANY.STATUS.ne(Status.ARCHIVED.name()));
        } else {
            c.add(COMPANY.STATUS.in(q.statuses().stream().map(Enum::name).toList()));
        }
        if (!q.tags().isEmpty()) {
            c.add(DSL.exists(DSL.selectOne().from(COMPANY_TAG)
                    .where(COMPANY_TAG.COMPANY_ID.eq(COMPANY.ID)).and(COMPANY_TAG.TAG.in(q.tags()))));
        }
        if (!q.sectors().isEmpty()) {
            c.add(COMPANY.SECTOR.in(q.sectors().stream().map(Sector::name).toList()));
        }
        if (!q.sizeBrackets().isEmpty()) {
            c.add(COMPANY.SIZE_BRACKET.in(q.sizeBrackets().stream().map(SizeBracket::name).toList()));
        }
        if (!q.departments().isEmpty()) {
            c.add(COMPANY.DEPARTMENT.in(q.departments()));
        }
        if (!q.regions().isEmpty()) {
            c.add(COMPANY.REGION.in(q.regions()));
        }
        if (q.ownerId() != null) {
            c.add(COMPANY.OWNER_ID.eq(q.ownerId()));
        }
        if (q.hasActiveAgreement() != null) {
            // a company with an active agreement is exactly a PARTNER: its status is derived from its agreements
            c.add(q.hasActiveAgreement() ? COMPANY.STATUS.eq(Status.PARTNER.name()) : COMPANY.STATUS.ne(Status.PARTNER.name()));
        }
        if (q.q() != null && !q.q().isBlank()) {
            c.add(textCondition(q.q()));
        }
        return DSL.and(c);
    }

    /**
     * Every word of {@code q} must start a word of the search text: a FULLTEXT prefix match for
     * words of three characters or more (InnoDB's minimum token), a substring match for shorter ones.
     */
    static Condition textCondition(String q) {
        List<String> words = joinDigitGroups(SearchText.words(q));
        String longWords = words.stream().filter(w -> w.length() >= 3).map(w -> "+" + w + "*").collect(Collectors.joining(" "));
        List<Condition> c = new ArrayList<>();
        if (!longWords.isEmpty()) {
            c.add(DSL.condition("MATCH({0}) AGAINST ({1} IN BOOLEAN MODE)", COMPANY.SEARCH_TEXT, DSL.val(longWords)));
        }
        words.stream().filter(w -> w.length() < 3).forEach(w -> c.add(DSL.concat(DSL.inline(" "), COMPANY.SEARCH_TEXT)
                .contains(" " + w)));
        return DSL.and(c);
    }

    /** "552 120 222" is one SIREN typed in groups. */
    private static List<String> joinDigitGroups(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (!out.isEmpty() && w.matches("\\d+") && out.get(out.size() - 1).matches("\\d+")) {
                out.set(out.size() - 1, out.get(out.size() - 1) + w);
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static List<SortField<?>> order(String sort) {
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        Field<?> field = switch (key) {
            case "createdAt" -> COMPANY.CREATED_AT;
            case "updatedAt" -> COMPANY.UPDATED_AT;
            case "city" -> COMPANY.CITY;
            case "status" -> COMPANY.STATUS;
            case "postalCode" -> COMPANY.POSTAL_CODE;
            default -> COMPANY.LEGAL_NAME;
        };
        // the id breaks ties, so that pages never overlap nor skip a company
        return desc ? List.of(field.desc(), COMPANY.ID.desc()) : List.of(field.asc(), COMPANY.ID.asc());
    }

    Map<Long, List<String>> tagsOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<String>> out = new HashMap<>();
        db.select(COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG).from(COMPANY_TAG).where(COMPANY_TAG.COMPANY_ID.in(ids))
                .orderBy(COMPANY_TAG.TAG)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    /** Live companies sharing the SIREN, the name key, or the postal code with a similar name. */
    List<Company> duplicateCandidates(Company c, String nameKey, int limit) {
        List<Condition> any = new ArrayList<>();
        if (c.siren() != null) {
            any.add(COMPANY.SIREN.eq(c.siren()));
        }
        any.add(COMPANY.NAME_KEY.eq(nameKey));
        String firstWord = nameKey.split(" ")[0];
        if (c.address().postalCode() != null && firstWord.length() >= 3) {
            any.add(COMPANY.POSTAL_CODE.eq(c.address().postalCode()).and(COMPANY.NAME_KEY.startsWith(firstWord)));
        }
        List<CompanyRecord> rows = db.selectFrom(COMPANY)
                .where(COMPANY.ID.ne(c.id()).and(COMPANY.MERGED_INTO_ID.isNull()).and(DSL.or(any)))
                .orderBy(COMPANY.ID).limit(limit).fetch();
        return withTags(rows);
    }

    /** Live companies with this name key (and postal code, when given). */
    List<Company> findByNameKey(String nameKey, String postalCode) {
        Condition c = COMPANY.NAME_KEY.eq(nameKey).and(COMPANY.MERGED_INTO_ID.isNull());
        if (postalCode != null) {
            c = c.and(COMPANY.POSTAL_CODE.eq(postalCode));
        }
        return db.selectFrom(COMPANY).where(c).orderBy(COMPANY.ID).limit(5).fetch(r -> toCompany(r, List.of()));
    }

    String nameKeyOf(long id) {
        return db.select(COMPANY.NAME_KEY).from(COMPANY).where(COMPANY.ID.eq(id)).fetchOne(COMPANY.NAME_KEY);
    }

    void markMerged(long sourceId, long targetId, Instant now) {
        db.update(COMPANY)
                .set(COMPANY.MERGED_INTO_ID, targetId)
                .set(COMPANY.STATUS, Status.ARCHIVED.name())
                .set(COMPANY.VERSION, COMPANY.VERSION.plus(1))
                .set(COMPANY.UPDATED_AT, Clocks.utc(now))
                .where(COMPANY.ID.eq(sourceId)).execute();
    }

    /** Earlier merges into the source now point at the target, so that old links still lead somewhere. */
    void redirectMerged(long sourceId, long targetId) {
        db.update(COMPANY).set(COMPANY.MERGED_INTO_ID, targetId).where(COMPANY.MERGED_INTO_ID.eq(sourceId)).execute();
    }

    boolean exists(long id) {
        return db.fetchExists(COMPANY, COMPANY.ID.eq(id).and(COMPANY.MERGED_INTO_ID.isNull()));
    }

    static Company toCompany(Record r0, List<String> tags) {
        CompanyRecord r = r0.into(COMPANY);
        return new Company(r.getId(), r.getLegalName(), r.getTradeName(), r.getSiren(), r.getSiret(), r.getNafCode(),
                r.getLegalForm(), r.getSector() == null ? null : Sector.valueOf(r.getSector()),
                r.getSizeBracket() == null ? null : SizeBracket.valueOf(r.getSizeBracket()), r.getWorkforceBracket(),
                new Company.Address(r.getAddressLine1(), r.getAddressLine2(), r.getPostalCode(), r.getCity(), r.getCountry()),
                r.getDepartment(), r.getRegion(), r.getWebsite(), r.getPhone(), Status.valueOf(r.getStatus()), r.getOwnerId(),
                List.copyOf(tags), r.getNotes(), r.getVersion(), Clocks.instant(r.getCreatedAt()), Clocks.instant(r.getUpdatedAt()));
    }
}
