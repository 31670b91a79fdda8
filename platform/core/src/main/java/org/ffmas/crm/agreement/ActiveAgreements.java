package org.ffmas.crm.agreement;

import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT;

import java.util.List;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Conditions on a company's active agreements, for other features' queries on companies (a
 * campaign's segment): a read model on the agreements' table, correlated on the company's id.
 */
public final class ActiveAgreements {

    private ActiveAgreements() {}

    /**
     * Companies (given their id column) with an active agreement of one of {@code tiers}, one of
     * {@code kinds} (not necessarily the same agreement), and with ({@code true}) or without
     * ({@code false}) any active agreement; null leaves a criterion out.
     */
    public static Condition of(Field<Long> companyId, List<String> tiers, List<String> kinds, Boolean any) {
        Condition where = DSL.noCondition();
        Condition active = AGREEMENT.COMPANY_ID.eq(companyId).and(AGREEMENT.STATUS.eq(Status.ACTIVE.name()));
        if (tiers != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(AGREEMENT).where(active, AGREEMENT.TIER.in(tiers))));
        }
        if (kinds != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(AGREEMENT).where(active, AGREEMENT.KIND.in(kinds))));
        }
        if (any != null) {
            Condition exists = DSL.exists(DSL.selectOne().from(AGREEMENT).where(active));
            where = where.and(any ? exists : DSL.not(exists));
        }
        return where;
    }
}
