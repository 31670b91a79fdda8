package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.storage.jooq.tables.records.CompanyRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Reads of the {@code company} and {@code company_tag} tables: by id, the list and its search,
 * and the look-ups by natural key (SIREN, SIRET, name key) that duplicates and imports use.
 * Writes are {@link CompanyWrites} and {@link CompanyBulkInserts}.
 */
public final class CompanyRepository {

    /** A company row with what the API does not show: the company it was merged into. */
    record Stored(Company company, Long mergedInto) {}

    private final DSLContext db;

    public CompanyRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Stored> find(long id) {
        return db.selectFrom(COMPANY).where(COMPANY.ID.eq(id)).fetchOptional()
                .map(r -> new Stored(toCompany(r, tagsOf(List.of(id)).getOrDefault(id, List.of())), r.getMergedIntoId()));
    }

    Page<Company> search(CompanyQuery q, int page, int size) {
        Condition where = CompanyConditions.of(q);
        if (q.q() == null || q.q().isBlank()) {
            // without text the page is read in index order: counting apart keeps that cheap
            long total = db.fetchCount(COMPANY, where);
            List<CompanyRecord> rows = db.selectFrom(COMPANY).where(where).orderBy(CompanyConditions.order(q.sort()))
                    .limit(size).offset((long) (page - 1) * size).fetch();
            return new Page<>(withTags(rows), total, page, size);
        }
        // a text search is the costly part: a window count gets the total from the same evaluation
        Field<Integer> total = DSL.count().over().as("total");
        var result = db.select(COMPANY.asterisk(), total).from(COMPANY).where(where).orderBy(CompanyConditions.order(q.sort()))
                .limit(size).offset((long) (page - 1) * size).fetch();
        long count = result.isEmpty() ? (page == 1 ? 0 : db.fetchCount(COMPANY, where)) : result.get(0).get(total);
        return new Page<>(withTags(result.map(r -> r.into(COMPANY))), count, page, size);
    }

    /** Every company the query matches, in its order, a page at a time (for exports). */
    void forEach(CompanyQuery q, int batch, Consumer<Company> each) {
        Condition where = CompanyConditions.of(q);
        int offset = 0;
        while (true) {
            List<CompanyRecord> rows = db.selectFrom(COMPANY).where(where).orderBy(CompanyConditions.order(q.sort()))
                    .limit(batch).offset(offset).fetch();
            withTags(rows).forEach(each);
            if (rows.size() < batch) {
                return;
            }
            offset += batch;
        }
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

    /** Which of these numbers and name keys live companies already have, as {@code siren:…}, {@code siret:…}, {@code name:…} and {@code name:…|postal}. */
    Set<String> takenKeys(Collection<String> sirens, Collection<String> sirets, Collection<String> nameKeys) {
        Set<String> taken = new HashSet<>();
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

    private List<Company> withTags(List<CompanyRecord> rows) {
        Map<Long, List<String>> tags = tagsOf(rows.stream().map(CompanyRecord::getId).toList());
        return rows.stream().map(r -> toCompany(r, tags.getOrDefault(r.getId(), List.of()))).toList();
    }

    private Map<Long, List<String>> tagsOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<String>> out = new HashMap<>();
        db.select(COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG).from(COMPANY_TAG).where(COMPANY_TAG.COMPANY_ID.in(ids))
                .orderBy(COMPANY_TAG.TAG)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    private static Company toCompany(Record r0, List<String> tags) {
        CompanyRecord r = r0.into(COMPANY);
        return new Company(r.getId(), r.getLegalName(), r.getTradeName(), r.getSiren(), r.getSiret(), r.getNafCode(),
                r.getLegalForm(), r.getSector() == null ? null : Sector.valueOf(r.getSector()),
                r.getSizeBracket() == null ? null : SizeBracket.valueOf(r.getSizeBracket()), r.getWorkforceBracket(),
                new Company.Address(r.getAddressLine1(), r.getAddressLine2(), r.getPostalCode(), r.getCity(), r.getCountry()),
                r.getDepartment(), r.getRegion(), r.getWebsite(), r.getPhone(), Status.valueOf(r.getStatus()), r.getOwnerId(),
                List.copyOf(tags), r.getNotes(), r.getVersion(), Clocks.instant(r.getCreatedAt()), Clocks.instant(r.getUpdatedAt()));
    }
}
