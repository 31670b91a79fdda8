package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Writes of one company at a time to the {@code company} and {@code company_tag} tables. */
public final class CompanyWrites {

    private final DSLContext db;

    public CompanyWrites(DSLContext db) {
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

    /** The columns a draft is written to (all but the search text, the version and the dates). */
    static Map<Field<?>, Object> columns(CompanyDraft d, String nameKey) {
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
}
