package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Row2;
import org.jooq.Select;
import org.jooq.SelectOnConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The contacts a set of criteria reaches, for other features that write to contacts (a campaign's
 * segment): a read model on the partner's tables. Only contacts that may be written to are
 * reached: with an address, not archived, neither unsubscribed nor bounced, of a company not
 * merged into another.
 */
public final class Audience {

    /** A contact, with what a message may say of them and of their company. */
    public record Member(long contactId, long companyId, String email, String civility, String firstName, String lastName,
                         String jobTitle, String companyName, String companyCity) {}

    /**
     * What reached contacts match: every criterion given (AND), any value of a criterion's list
     * (OR); a null list leaves its criterion out.
     *
     * @param companyStatus null: any status but ARCHIVED
     * @param company another feature's condition on the contact's company, given the company's id column
     * @param address another feature's condition on the contact's address, given the address column
     */
    public record Criteria(List<String> companyStatus, List<String> tags, List<String> functions, List<String> departments,
                           List<String> languages, List<Long> contactIds, Function<Field<Long>, Condition> company,
                           Function<Field<String>, Condition> address) {}

    /** A contact as written to at a company (the one it belonged to when it was reached). */
    public record AtCompany(long contactId, long companyId) {}

    private final DSLContext db;

    public Audience(DSLContext db) {
        this.db = db;
    }

    /** How many distinct addresses the criteria reach. */
    public int countAddresses(Criteria c) {
        return db.select(DSL.countDistinct(CONTACT.EMAIL)).from(CONTACT).join(COMPANY).on(COMPANY.ID.eq(CONTACT.COMPANY_ID))
                .where(where(c)).fetchOne().value1();
    }

    /** The first {@code limit} contacts reached, in id order. */
    public List<Member> sample(Criteria c, int limit) {
        return members().where(where(c)).orderBy(CONTACT.ID).limit(limit).fetch(Audience::toMember);
    }

    /** One contact, whatever the criteria would say of them. */
    public Optional<Member> member(long contactId) {
        return members().where(CONTACT.ID.eq(contactId)).fetchOptional(Audience::toMember);
    }

    /**
     * The contacts reached as rows of contact id, company id and address followed by
     * {@code alongside}, in contact id order: what an INSERT … SELECT takes, so that the reach
     * is written in one statement.
     */
    public Select<Record> addresses(Criteria c, Field<?>... alongside) {
        List<Field<?>> fields = new ArrayList<>(List.of(CONTACT.ID, CONTACT.COMPANY_ID, CONTACT.EMAIL));
        fields.addAll(List.of(alongside));
        return DSL.select(fields).from(CONTACT).join(COMPANY).on(COMPANY.ID.eq(CONTACT.COMPANY_ID)).where(where(c)).orderBy(CONTACT.ID);
    }

    /**
     * The contacts, each with the company it was written to at (its name and city), read in one
     * query; a contact or company no longer there is left out.
     */
    public Map<AtCompany, Member> members(Collection<AtCompany> contacts) {
        Map<AtCompany, Member> out = new HashMap<>();
        if (contacts.isEmpty()) {
            return out;
        }
        Set<AtCompany> distinct = new LinkedHashSet<>(contacts);
        @SuppressWarnings("unchecked")
        Row2<Long, Long>[] rows = distinct.stream().map(a -> DSL.row(a.contactId(), a.companyId())).toArray(Row2[]::new);
        Table<Record2<Long, Long>> at = DSL.values(rows).as("at_company", "contact_id", "company_id");
        Field<Long> contactId = at.field("contact_id", Long.class);
        Field<Long> companyId = at.field("company_id", Long.class);
        db.select(contactId, companyId, CONTACT.ID, CONTACT.COMPANY_ID, CONTACT.EMAIL, CONTACT.CIVILITY, CONTACT.FIRST_NAME,
                        CONTACT.LAST_NAME, CONTACT.JOB_TITLE, COMPANY.LEGAL_NAME, COMPANY.CITY)
                .from(at).join(CONTACT).on(CONTACT.ID.eq(contactId)).join(COMPANY).on(COMPANY.ID.eq(companyId))
                .fetch().forEach(r -> out.put(new AtCompany(r.get(contactId), r.get(companyId)), toMember(r)));
        return out;
    }

    private SelectOnConditionStep<? extends Record> members() {
        return db.select(CONTACT.ID, CONTACT.COMPANY_ID, CONTACT.EMAIL, CONTACT.CIVILITY, CONTACT.FIRST_NAME, CONTACT.LAST_NAME,
                        CONTACT.JOB_TITLE, COMPANY.LEGAL_NAME, COMPANY.CITY)
                .from(CONTACT).join(COMPANY).on(COMPANY.ID.eq(CONTACT.COMPANY_ID));
    }

    private static Condition where(Criteria c) {
        Condition where = CONTACT.ARCHIVED_AT.isNull().and(CONTACT.EMAIL.isNotNull())
                .and(CONTACT.EMAIL_STATUS.notIn(CompanyEnums.EmailStatus.UNSUBSCRIBED.name(), CompanyEnums.EmailStatus.BOUNCED.name()))
                .and(COMPANY.MERGED_INTO_ID.isNull())
                .and(c.address().apply(CONTACT.EMAIL));
        if (c.companyStatus() != null) {
            where = where.and(COMPANY.STATUS.in(c.companyStatus()));
        } else {
            where = where.and(COMPANY.STATUS.ne(CompanyEnums.Status.ARCHIVED.name()));
        }
        if (c.tags() != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(COMPANY_TAG).where(COMPANY_TAG.COMPANY_ID.eq(COMPANY.ID), COMPANY_TAG.TAG.in(c.tags()))));
        }
        where = where.and(c.company().apply(COMPANY.ID));
        if (c.functions() != null) {
            where = where.and(CONTACT.JOB_FUNCTION.in(c.functions()));
        }
        if (c.departments() != null) {
            where = where.and(COMPANY.DEPARTMENT.in(c.departments()));
        }
        if (c.languages() != null) {
            where = where.and(CONTACT.LANGUAGE.in(c.languages()));
        }
        if (c.contactIds() != null) {
            where = where.and(CONTACT.ID.in(c.contactIds()));
        }
        return where;
    }

    private static Member toMember(Record r) {
        return new Member(r.get(CONTACT.ID), r.get(CONTACT.COMPANY_ID), r.get(CONTACT.EMAIL), r.get(CONTACT.CIVILITY), r.get(CONTACT.FIRST_NAME),
                r.get(CONTACT.LAST_NAME), r.get(CONTACT.JOB_TITLE), r.get(COMPANY.LEGAL_NAME), r.get(COMPANY.CITY));
    }
}
