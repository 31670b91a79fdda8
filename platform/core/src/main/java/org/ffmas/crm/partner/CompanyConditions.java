package org.ffmas.crm.partner;

import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ffmas.crm.partner.CompanyEnums.Sector;
import org.ffmas.crm.partner.CompanyEnums.SizeBracket;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** The SQL of the company list's filters, text search and sort orders. */
final class CompanyConditions {

    private CompanyConditions() {}

    /** The live companies {@code q} asks for. */
    static Condition of(CompanyQuery q) {
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
            c.add(text(q.q()));
        }
        return DSL.and(c);
    }

    /**
     * Every word of {@code q} must start a word of the search text: a FULLTEXT prefix match for
     * words of three characters or more (InnoDB's minimum token), a substring match for shorter ones.
     */
    static Condition text(String q) {
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

    /** The order of {@link CompanyQuery#sort()}; the id breaks ties. */
    static List<SortField<?>> order(String sort) {
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
}
