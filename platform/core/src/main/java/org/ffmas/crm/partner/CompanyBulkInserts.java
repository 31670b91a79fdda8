package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.BulkLoad;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** An import's new companies written to {@code company} and {@code company_tag} with one statement per table. */
public final class CompanyBulkInserts {

    /** The columns a new company is written with, in the order of the values {@link #insertAll} loads. */
    private static final List<Field<?>> INSERTED = List.of(COMPANY.LEGAL_NAME, COMPANY.TRADE_NAME, COMPANY.SIREN, COMPANY.SIRET,
            COMPANY.NAF_CODE, COMPANY.LEGAL_FORM, COMPANY.SECTOR, COMPANY.SIZE_BRACKET, COMPANY.WORKFORCE_BRACKET, COMPANY.ADDRESS_LINE1,
            COMPANY.ADDRESS_LINE2, COMPANY.POSTAL_CODE, COMPANY.CITY, COMPANY.COUNTRY, COMPANY.DEPARTMENT, COMPANY.REGION, COMPANY.WEBSITE,
            COMPANY.PHONE, COMPANY.STATUS, COMPANY.OWNER_ID, COMPANY.NOTES, COMPANY.NAME_KEY, COMPANY.SEARCH_TEXT, COMPANY.VERSION,
            COMPANY.CREATED_AT, COMPANY.UPDATED_AT);

    private final DSLContext db;

    public CompanyBulkInserts(DSLContext db) {
        this.db = db;
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
        LocalDateTime at = Clocks.utc(now);
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Map<Field<?>, Object> values = CompanyWrites.columns(drafts.get(i), nameKeys.get(i));
            values.put(COMPANY.SEARCH_TEXT, searchTexts.get(i));
            values.put(COMPANY.VERSION, 1L);
            values.put(COMPANY.CREATED_AT, at);
            values.put(COMPANY.UPDATED_AT, at);
            rows.add(INSERTED.stream().map(values::get).toArray());
        }
        OptionalLong first = BulkLoad.load(db, COMPANY, INSERTED, rows);
        List<Long> ids = first.isPresent() ? loadedIds(first.getAsLong(), nameKeys)
                : db.insertInto(COMPANY, INSERTED).valuesOfRows(rows.stream().map(DSL::row).toList()).returningResult(COMPANY.ID).fetch(r -> r.value1());
        if (ids.size() != drafts.size()) {
            throw new IllegalStateException("inserted " + drafts.size() + " companies, got " + ids.size() + " ids back");
        }
        List<Object[]> tags = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            for (String tag : new LinkedHashSet<>(drafts.get(i).tags)) {
                tags.add(new Object[] {ids.get(i), tag});
            }
        }
        if (BulkLoad.load(db, COMPANY_TAG, List.of(COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG), tags).isEmpty()) {
            db.insertInto(COMPANY_TAG, COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG)
                    .valuesOfRows(tags.stream().map(t -> DSL.row((Long) t[0], (String) t[1])).toList()).execute();
        }
        Instant stored = now.truncatedTo(ChronoUnit.MICROS);
        List<Company> created = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            created.add(drafts.get(i).asStored(ids.get(i), stored));
        }
        return created;
    }

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
}
