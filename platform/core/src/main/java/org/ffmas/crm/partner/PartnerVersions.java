package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import java.util.List;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.jooq.DSLContext;

/**
 * The companies' and contacts' versions in id order, a page at a time: for a feature that keeps the
 * version it last saw of each (sync pushes what changed since), to compare with its own records.
 */
public final class PartnerVersions {

    /** A company neither merged nor archived, at {@code version}. */
    public record CompanyVersion(long id, long version) {}

    /** A contact of {@code companyId} at {@code version}; {@code archived} once archived. */
    public record ContactVersion(long id, long companyId, long version, boolean archived) {}

    private final DSLContext db;

    public PartnerVersions(DSLContext db) {
        this.db = db;
    }

    /** The live companies (neither merged nor archived) after {@code afterId}, in id order. */
    public List<CompanyVersion> liveCompanies(long afterId, int limit) {
        return db.select(COMPANY.ID, COMPANY.VERSION).from(COMPANY)
                .where(COMPANY.ID.gt(afterId), COMPANY.MERGED_INTO_ID.isNull(), COMPANY.STATUS.ne(Status.ARCHIVED.name()))
                .orderBy(COMPANY.ID).limit(limit)
                .fetch(r -> new CompanyVersion(r.value1(), r.value2()));
    }

    /** The contacts, archived ones too, after {@code afterId}, in id order. */
    public List<ContactVersion> contacts(long afterId, int limit) {
        return db.select(CONTACT.ID, CONTACT.COMPANY_ID, CONTACT.VERSION, CONTACT.ARCHIVED_AT.isNotNull()).from(CONTACT)
                .where(CONTACT.ID.gt(afterId))
                .orderBy(CONTACT.ID).limit(limit)
                .fetch(r -> new ContactVersion(r.value1(), r.value2(), r.value3(), r.value4()));
    }
}
