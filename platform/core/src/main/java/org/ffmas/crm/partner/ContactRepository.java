package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.partner.CompanyEnums.Civility;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyEnums.Function;
import org.ffmas.crm.partner.CompanyEnums.Language;
import org.ffmas.crm.storage.jooq.tables.records.ContactRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The {@code contact} table. */
public final class ContactRepository {

    /** Filters of the contact list; nulls and empty lists mean "any". */
    public record ContactQuery(String q, Long companyId, List<Function> functions, List<EmailStatus> emailStatuses,
                               List<Language> languages, boolean includeArchived) {}

    private final DSLContext db;

    public ContactRepository(DSLContext db) {
        this.db = db;
    }

    long insert(long companyId, ContactDraft d, Instant now) {
        return db.insertInto(CONTACT)
                .set(columns(d, false))
                .set(CONTACT.COMPANY_ID, companyId)
                .set(CONTACT.VERSION, 1L)
                .set(CONTACT.CREATED_AT, Clocks.utc(now))
                .set(CONTACT.UPDATED_AT, Clocks.utc(now))
                .returningResult(CONTACT.ID).fetchOne().value1();
    }

    boolean update(long id, long version, ContactDraft d, boolean archived, Instant now) {
        return db.update(CONTACT)
                .set(columns(d, archived))
                .set(CONTACT.VERSION, version + 1)
                .set(CONTACT.UPDATED_AT, Clocks.utc(now))
                .where(CONTACT.ID.eq(id).and(CONTACT.VERSION.eq(version)))
                .execute() == 1;
    }

    /** Moves the contact to another company if {@code version} is still current; false when it is stale. */
    boolean move(long id, long version, long companyId, Instant now) {
        return db.update(CONTACT)
                .set(CONTACT.COMPANY_ID, companyId)
                .set(CONTACT.VERSION, version + 1)
                .set(CONTACT.UPDATED_AT, Clocks.utc(now))
                .where(CONTACT.ID.eq(id).and(CONTACT.VERSION.eq(version)))
                .execute() == 1;
    }

    private static Map<Field<?>, Object> columns(ContactDraft d, boolean archived) {
        Map<Field<?>, Object> m = new HashMap<>();
        m.put(CONTACT.CIVILITY, d.civility == null ? null : d.civility.name());
        m.put(CONTACT.FIRST_NAME, d.firstName);
        m.put(CONTACT.LAST_NAME, d.lastName);
        m.put(CONTACT.JOB_TITLE, d.jobTitle);
        m.put(CONTACT.JOB_FUNCTION, d.function == null ? null : d.function.name());
        m.put(CONTACT.EMAIL, d.email);
        m.put(CONTACT.ACTIVE_EMAIL, archived ? null : d.email);
        m.put(CONTACT.PHONE, d.phone);
        m.put(CONTACT.LANGUAGE, d.language.name());
        m.put(CONTACT.EMAIL_STATUS, d.emailStatus.name());
        m.put(CONTACT.CONSENT_SOURCE, d.consentSource);
        m.put(CONTACT.CONSENT_AT, Clocks.utc(d.consentAt));
        return m;
    }

    void setEmailStatus(long id, String status, Instant now) {
        db.update(CONTACT).set(CONTACT.EMAIL_STATUS, status).set(CONTACT.VERSION, CONTACT.VERSION.plus(1))
                .set(CONTACT.UPDATED_AT, Clocks.utc(now)).where(CONTACT.ID.eq(id)).execute();
    }

    void archive(long id, Instant now) {
        db.update(CONTACT).set(CONTACT.ARCHIVED_AT, Clocks.utc(now)).set(CONTACT.ACTIVE_EMAIL, (String) null)
                .set(CONTACT.VERSION, CONTACT.VERSION.plus(1)).set(CONTACT.UPDATED_AT, Clocks.utc(now))
                .where(CONTACT.ID.eq(id)).execute();
    }

    Optional<Contact> find(long id) {
        return db.selectFrom(CONTACT).where(CONTACT.ID.eq(id)).fetchOptional(ContactRepository::toContact);
    }

    /** The active contact using this e-mail address, other than {@code exceptId}. */
    Optional<Contact> findByActiveEmail(String email, Long exceptId) {
        Condition c = CONTACT.ACTIVE_EMAIL.eq(email);
        if (exceptId != null) {
            c = c.and(CONTACT.ID.ne(exceptId));
        }
        return db.selectFrom(CONTACT).where(c).fetchOptional(ContactRepository::toContact);
    }

    /** An active contact of the company with this name (contacts without an e-mail are matched so). */
    Optional<Contact> findByName(long companyId, String firstName, String lastName) {
        Condition c = CONTACT.COMPANY_ID.eq(companyId).and(CONTACT.ARCHIVED_AT.isNull()).and(CONTACT.LAST_NAME.eq(lastName));
        c = firstName == null ? c.and(CONTACT.FIRST_NAME.isNull()) : c.and(CONTACT.FIRST_NAME.eq(firstName));
        return db.selectFrom(CONTACT).where(c).orderBy(CONTACT.ID).limit(1).fetchOptional(ContactRepository::toContact);
    }

    List<Contact> ofCompany(long companyId, boolean includeArchived) {
        Condition c = CONTACT.COMPANY_ID.eq(companyId);
        if (!includeArchived) {
            c = c.and(CONTACT.ARCHIVED_AT.isNull());
        }
        return db.selectFrom(CONTACT).where(c).orderBy(CONTACT.LAST_NAME, CONTACT.FIRST_NAME, CONTACT.ID)
                .fetch(ContactRepository::toContact);
    }

    Page<Contact> search(ContactQuery q, int page, int size) {
        List<Condition> c = new ArrayList<>();
        c.add(CONTACT.COMPANY_ID.in(DSL.select(COMPANY.ID).from(COMPANY).where(COMPANY.MERGED_INTO_ID.isNull())));
        if (!q.includeArchived()) {
            c.add(CONTACT.ARCHIVED_AT.isNull());
        }
        if (q.companyId() != null) {
            c.add(CONTACT.COMPANY_ID.eq(q.companyId()));
        }
        if (!q.functions().isEmpty()) {
            c.add(CONTACT.JOB_FUNCTION.in(q.functions().stream().map(Enum::name).toList()));
        }
        if (!q.emailStatuses().isEmpty()) {
            c.add(CONTACT.EMAIL_STATUS.in(q.emailStatuses().stream().map(Enum::name).toList()));
        }
        if (!q.languages().isEmpty()) {
            c.add(CONTACT.LANGUAGE.in(q.languages().stream().map(Enum::name).toList()));
        }
        if (q.q() != null && !q.q().isBlank()) {
            for (String w : SearchText.words(q.q())) {
                String like = "%" + w + "%";
                c.add(DSL.or(CONTACT.LAST_NAME.likeIgnoreCase(like), CONTACT.FIRST_NAME.likeIgnoreCase(like),
                        CONTACT.EMAIL.likeIgnoreCase(like)));
            }
        }
        Condition where = DSL.and(c);
        long total = db.fetchCount(CONTACT, where);
        List<Contact> items = db.selectFrom(CONTACT).where(where).orderBy(CONTACT.LAST_NAME, CONTACT.FIRST_NAME, CONTACT.ID)
                .limit(size).offset((long) (page - 1) * size).fetch(ContactRepository::toContact);
        return new Page<>(items, total, page, size);
    }

    /** Moves every contact of a company to another (merge). */
    void moveAll(long fromCompany, long toCompany, Instant now) {
        db.update(CONTACT).set(CONTACT.COMPANY_ID, toCompany).set(CONTACT.VERSION, CONTACT.VERSION.plus(1))
                .set(CONTACT.UPDATED_AT, Clocks.utc(now)).where(CONTACT.COMPANY_ID.eq(fromCompany)).execute();
    }

    static Contact toContact(ContactRecord r) {
        return new Contact(r.getId(), r.getCompanyId(), r.getCivility() == null ? null : Civility.valueOf(r.getCivility()),
                r.getFirstName(), r.getLastName(), r.getJobTitle(),
                r.getJobFunction() == null ? null : Function.valueOf(r.getJobFunction()), r.getEmail(), r.getPhone(),
                Language.valueOf(r.getLanguage()), EmailStatus.valueOf(r.getEmailStatus()), r.getConsentSource(),
                Clocks.instant(r.getConsentAt()), r.getArchivedAt() != null, r.getVersion(), Clocks.instant(r.getCreatedAt()),
                Clocks.instant(r.getUpdatedAt()));
    }
}
