package org.ffmas.crm.agreement;

import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT;
import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT_COUNTERPART;
import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT_INSTALMENT;
import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT_REMINDER;
import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT_TRANSITION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.agreement.Agreement.Counterpart;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.agreement.Agreement.Kind;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.storage.jooq.tables.records.AgreementRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The agreement tables. */
public final class AgreementRepository {

    private final DSLContext db;

    public AgreementRepository(DSLContext db) {
        this.db = db;
    }

    long insert(AgreementDraft d, Status status, Long renewalOf, Instant now) {
        long id = db.insertInto(AGREEMENT)
                .set(columns(d))
                .set(AGREEMENT.COMPANY_ID, d.companyId)
                .set(AGREEMENT.STATUS, status.name())
                .set(AGREEMENT.RENEWAL_OF_ID, renewalOf)
                .set(AGREEMENT.VERSION, 1L)
                .set(AGREEMENT.CREATED_AT, Clocks.utc(now))
                .set(AGREEMENT.UPDATED_AT, Clocks.utc(now))
                .returningResult(AGREEMENT.ID).fetchOne().value1();
        replaceSchedule(id, d);
        return id;
    }

    /** Writes the draft if {@code version} is current; terms too only when {@code withTerms}. */
    boolean update(long id, long version, AgreementDraft d, boolean withTerms, Instant now) {
        Map<Field<?>, Object> values = withTerms ? columns(d) : new HashMap<>(Map.of());
        values.put(AGREEMENT.OWNER_ID, d.ownerId);
        values.put(AGREEMENT.NOTES, d.notes);
        int rows = db.update(AGREEMENT).set(values)
                .set(AGREEMENT.VERSION, version + 1)
                .set(AGREEMENT.UPDATED_AT, Clocks.utc(now))
                .where(AGREEMENT.ID.eq(id).and(AGREEMENT.VERSION.eq(version))).execute();
        if (rows == 1 && withTerms) {
            replaceSchedule(id, d);
        }
        return rows == 1;
    }

    private static Map<Field<?>, Object> columns(AgreementDraft d) {
        Map<Field<?>, Object> m = new HashMap<>();
        m.put(AGREEMENT.KIND, d.kind.name());
        m.put(AGREEMENT.TIER, d.tier);
        m.put(AGREEMENT.TITLE, d.title);
        m.put(AGREEMENT.AMOUNT_CENTS, d.amountCents);
        m.put(AGREEMENT.CURRENCY, d.currency);
        m.put(AGREEMENT.START_DATE, d.startDate);
        m.put(AGREEMENT.END_DATE, d.endDate);
        m.put(AGREEMENT.AUTO_RENEW, d.autoRenew);
        m.put(AGREEMENT.SIGNATORY_CONTACT_ID, d.signatoryContactId);
        m.put(AGREEMENT.OWNER_ID, d.ownerId);
        m.put(AGREEMENT.NOTES, d.notes);
        return m;
    }

    private void replaceSchedule(long id, AgreementDraft d) {
        db.deleteFrom(AGREEMENT_COUNTERPART).where(AGREEMENT_COUNTERPART.AGREEMENT_ID.eq(id)).execute();
        for (Counterpart c : d.counterparts) {
            db.insertInto(AGREEMENT_COUNTERPART).set(AGREEMENT_COUNTERPART.AGREEMENT_ID, id).set(AGREEMENT_COUNTERPART.LABEL, c.label())
                    .set(AGREEMENT_COUNTERPART.VALUE_CENTS, c.valueCents()).set(AGREEMENT_COUNTERPART.DUE_DATE, c.dueDate())
                    .set(AGREEMENT_COUNTERPART.DELIVERED_AT, c.deliveredAt()).execute();
        }
        db.deleteFrom(AGREEMENT_INSTALMENT).where(AGREEMENT_INSTALMENT.AGREEMENT_ID.eq(id)).execute();
        for (Instalment i : d.instalments) {
            db.insertInto(AGREEMENT_INSTALMENT).set(AGREEMENT_INSTALMENT.AGREEMENT_ID, id).set(AGREEMENT_INSTALMENT.DUE_DATE, i.dueDate())
                    .set(AGREEMENT_INSTALMENT.AMOUNT_CENTS, i.amountCents()).set(AGREEMENT_INSTALMENT.PAID_AT, i.paidAt())
                    .set(AGREEMENT_INSTALMENT.REFERENCE, i.reference()).execute();
        }
    }

    /** Moves the status on if it is still {@code from}; false when someone moved it first. */
    boolean move(long id, Status from, Status to, LocalDate signedOn, String endReason, Instant now) {
        var update = db.update(AGREEMENT).set(AGREEMENT.STATUS, to.name())
                .set(AGREEMENT.VERSION, AGREEMENT.VERSION.plus(1))
                .set(AGREEMENT.UPDATED_AT, Clocks.utc(now));
        if (signedOn != null) {
            update = update.set(AGREEMENT.SIGNED_ON, signedOn);
        }
        if (endReason != null) {
            update = update.set(AGREEMENT.END_REASON, endReason);
        }
        return update.where(AGREEMENT.ID.eq(id).and(AGREEMENT.STATUS.eq(from.name()))).execute() == 1;
    }

    void recordTransition(long id, Status from, Status to, LocalDate on, String reason, Long actorId, String actorName, Instant now) {
        db.insertInto(AGREEMENT_TRANSITION).set(AGREEMENT_TRANSITION.AGREEMENT_ID, id).set(AGREEMENT_TRANSITION.FROM_STATUS, from.name())
                .set(AGREEMENT_TRANSITION.TO_STATUS, to.name()).set(AGREEMENT_TRANSITION.ON_DATE, on).set(AGREEMENT_TRANSITION.REASON, reason)
                .set(AGREEMENT_TRANSITION.ACTOR_ID, actorId).set(AGREEMENT_TRANSITION.ACTOR_NAME, actorName)
                .set(AGREEMENT_TRANSITION.AT, Clocks.utc(now)).execute();
    }

    Optional<Agreement> find(long id) {
        return db.selectFrom(AGREEMENT).where(AGREEMENT.ID.eq(id)).fetchOptional().map(r -> withSchedules(List.of(r)).get(0));
    }

    Page<Agreement> search(AgreementQuery q, int page, int size) {
        List<Condition> c = new ArrayList<>();
        if (!q.statuses().isEmpty()) {
            c.add(AGREEMENT.STATUS.in(q.statuses().stream().map(Enum::name).toList()));
        }
        if (!q.kinds().isEmpty()) {
            c.add(AGREEMENT.KIND.in(q.kinds().stream().map(Enum::name).toList()));
        }
        if (!q.tiers().isEmpty()) {
            c.add(AGREEMENT.TIER.in(q.tiers()));
        }
        if (q.companyId() != null) {
            c.add(AGREEMENT.COMPANY_ID.eq(q.companyId()));
        }
        if (q.endsBefore() != null) {
            c.add(AGREEMENT.END_DATE.lt(q.endsBefore()));
        }
        if (q.endsAfter() != null) {
            c.add(AGREEMENT.END_DATE.gt(q.endsAfter()));
        }
        Condition where = DSL.and(c);
        long total = db.fetchCount(AGREEMENT, where);
        List<AgreementRecord> rows = db.selectFrom(AGREEMENT).where(where).orderBy(AGREEMENT.END_DATE, AGREEMENT.ID)
                .limit(size).offset((long) (page - 1) * size).fetch();
        return new Page<>(withSchedules(rows), total, page, size);
    }

    /** Ids of agreements in {@code status} whose {@code date} column is before or on the given day. */
    List<Long> signedToActivate(LocalDate today) {
        return db.select(AGREEMENT.ID).from(AGREEMENT)
                .where(AGREEMENT.STATUS.eq(Status.SIGNED.name()).and(AGREEMENT.START_DATE.le(today))).fetch(AGREEMENT.ID);
    }

    List<Long> activeToExpire(LocalDate today) {
        return db.select(AGREEMENT.ID).from(AGREEMENT)
                .where(AGREEMENT.STATUS.eq(Status.ACTIVE.name()).and(AGREEMENT.END_DATE.lt(today))).fetch(AGREEMENT.ID);
    }

    /** How many of the company's agreements are ACTIVE, and how many were ever signed. */
    record CompanyAgreements(int active, int everSigned) {}

    /** A RENEWED agreement still runs until its end date: its renewal takes over the day after. */
    CompanyAgreements ofCompany(long companyId, LocalDate today) {
        var rows = db.select(AGREEMENT.STATUS, AGREEMENT.END_DATE).from(AGREEMENT).where(AGREEMENT.COMPANY_ID.eq(companyId)).fetch();
        int active = (int) rows.stream().filter(r -> r.value1().equals(Status.ACTIVE.name())
                || r.value1().equals(Status.RENEWED.name()) && !r.value2().isBefore(today)).count();
        int signed = (int) rows.stream().filter(r -> Lifecycle.wasSigned(Status.valueOf(r.value1()))).count();
        return new CompanyAgreements(active, signed);
    }

    boolean markPaid(long agreementId, long instalmentId, LocalDate paidAt, String reference) {
        return db.update(AGREEMENT_INSTALMENT).set(AGREEMENT_INSTALMENT.PAID_AT, paidAt).set(AGREEMENT_INSTALMENT.REFERENCE, reference)
                .where(AGREEMENT_INSTALMENT.ID.eq(instalmentId).and(AGREEMENT_INSTALMENT.AGREEMENT_ID.eq(agreementId))).execute() == 1;
    }

    List<OverdueInstalment> overdue(LocalDate today) {
        return db.select(AGREEMENT.ID, AGREEMENT.COMPANY_ID, AGREEMENT.TITLE, AGREEMENT_INSTALMENT.ID, AGREEMENT_INSTALMENT.DUE_DATE,
                        AGREEMENT_INSTALMENT.AMOUNT_CENTS, AGREEMENT_INSTALMENT.REFERENCE)
                .from(AGREEMENT_INSTALMENT).join(AGREEMENT).on(AGREEMENT.ID.eq(AGREEMENT_INSTALMENT.AGREEMENT_ID))
                .where(AGREEMENT_INSTALMENT.PAID_AT.isNull()).and(AGREEMENT_INSTALMENT.DUE_DATE.lt(today))
                .and(AGREEMENT.STATUS.in(Status.SIGNED.name(), Status.ACTIVE.name(), Status.EXPIRED.name()))
                .orderBy(AGREEMENT_INSTALMENT.DUE_DATE, AGREEMENT_INSTALMENT.ID)
                .fetch(r -> new OverdueInstalment(r.value1(), r.value2(), r.value3(),
                        new Instalment(r.value4(), r.value5(), r.value6(), null, r.value7())));
    }

    /** Signed or active agreements ending between {@code from} and {@code to}, soonest first. */
    List<Agreement> ending(LocalDate from, LocalDate to) {
        List<AgreementRecord> rows = db.selectFrom(AGREEMENT)
                .where(AGREEMENT.STATUS.in(Status.SIGNED.name(), Status.ACTIVE.name()))
                .and(AGREEMENT.END_DATE.between(from, to))
                .orderBy(AGREEMENT.END_DATE, AGREEMENT.ID).fetch();
        return withSchedules(rows);
    }

    /** Records a reminder; false when it was already sent (once each). */
    boolean markReminded(long agreementId, int daysBefore, Instant now) {
        return db.insertInto(AGREEMENT_REMINDER).set(AGREEMENT_REMINDER.AGREEMENT_ID, agreementId)
                .set(AGREEMENT_REMINDER.DAYS_BEFORE, daysBefore).set(AGREEMENT_REMINDER.SENT_AT, Clocks.utc(now))
                .onDuplicateKeyIgnore().execute() == 1;
    }

    /** The open (not cancelled) renewal of an agreement, if one was made. */
    Optional<Long> renewalOf(long agreementId) {
        return db.select(AGREEMENT.ID).from(AGREEMENT)
                .where(AGREEMENT.RENEWAL_OF_ID.eq(agreementId)).and(AGREEMENT.STATUS.ne(Status.CANCELLED.name()))
                .fetchOptional(AGREEMENT.ID);
    }

    /** Signed amount by kind and tier, of agreements signed in the year. */
    record SignedAmount(String kind, String tier, long count, long amountCents) {}

    List<SignedAmount> signedIn(int year) {
        return db.select(AGREEMENT.KIND, AGREEMENT.TIER, DSL.count(), DSL.sum(AGREEMENT.AMOUNT_CENTS))
                .from(AGREEMENT)
                .where(AGREEMENT.SIGNED_ON.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)))
                .groupBy(AGREEMENT.KIND, AGREEMENT.TIER).orderBy(AGREEMENT.KIND, AGREEMENT.TIER)
                .fetch(r -> new SignedAmount(r.value1(), r.value2(), r.value3(), r.value4() == null ? 0 : r.value4().longValue()));
    }

    int countActive() {
        return db.fetchCount(AGREEMENT, AGREEMENT.STATUS.eq(Status.ACTIVE.name()));
    }

    /** Instalments of signed agreements due in the year: paid, to come, overdue (as of {@code today}). */
    record Payments(long paidCents, long dueCents, long overdueCents) {}

    Payments payments(int year, LocalDate today) {
        var rows = db.select(AGREEMENT_INSTALMENT.AMOUNT_CENTS, AGREEMENT_INSTALMENT.PAID_AT, AGREEMENT_INSTALMENT.DUE_DATE)
                .from(AGREEMENT_INSTALMENT).join(AGREEMENT).on(AGREEMENT.ID.eq(AGREEMENT_INSTALMENT.AGREEMENT_ID))
                .where(AGREEMENT_INSTALMENT.DUE_DATE.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)))
                .and(AGREEMENT.STATUS.in(Status.SIGNED.name(), Status.ACTIVE.name(), Status.EXPIRED.name(), Status.RENEWED.name()))
                .fetch();
        long paid = 0;
        long due = 0;
        long overdue = 0;
        for (var r : rows) {
            if (r.value2() != null) {
                paid += r.value1();
            } else if (r.value3().isBefore(today)) {
                overdue += r.value1();
            } else {
                due += r.value1();
            }
        }
        return new Payments(paid, due, overdue);
    }

    /** Moves a company's agreements to another (merge). */
    void moveAll(long fromCompany, long toCompany) {
        db.update(AGREEMENT).set(AGREEMENT.COMPANY_ID, toCompany).where(AGREEMENT.COMPANY_ID.eq(fromCompany)).execute();
    }

    private List<Agreement> withSchedules(List<AgreementRecord> rows) {
        Collection<Long> ids = rows.stream().map(AgreementRecord::getId).toList();
        Map<Long, List<Counterpart>> counterparts = new HashMap<>();
        Map<Long, List<Instalment>> instalments = new HashMap<>();
        if (!ids.isEmpty()) {
            db.selectFrom(AGREEMENT_COUNTERPART).where(AGREEMENT_COUNTERPART.AGREEMENT_ID.in(ids)).orderBy(AGREEMENT_COUNTERPART.ID)
                    .forEach(r -> counterparts.computeIfAbsent(r.getAgreementId(), k -> new ArrayList<>())
                            .add(new Counterpart(r.getId(), r.getLabel(), r.getValueCents(), r.getDueDate(), r.getDeliveredAt())));
            db.selectFrom(AGREEMENT_INSTALMENT).where(AGREEMENT_INSTALMENT.AGREEMENT_ID.in(ids))
                    .orderBy(AGREEMENT_INSTALMENT.DUE_DATE, AGREEMENT_INSTALMENT.ID)
                    .forEach(r -> instalments.computeIfAbsent(r.getAgreementId(), k -> new ArrayList<>())
                            .add(new Instalment(r.getId(), r.getDueDate(), r.getAmountCents(), r.getPaidAt(), r.getReference())));
        }
        return rows.stream().map(r -> {
            Status status = Status.valueOf(r.getStatus());
            return new Agreement(r.getId(), r.getCompanyId(), Kind.valueOf(r.getKind()), r.getTier(), r.getTitle(), r.getAmountCents(),
                    r.getCurrency(), r.getStartDate(), r.getEndDate(), r.getAutoRenew(), r.getSignatoryContactId(), r.getOwnerId(),
                    r.getNotes(), status, r.getSignedOn(), r.getEndReason(), r.getRenewalOfId(),
                    List.copyOf(counterparts.getOrDefault(r.getId(), List.of())), List.copyOf(instalments.getOrDefault(r.getId(), List.of())),
                    Lifecycle.allowed(status), r.getVersion(), Clocks.instant(r.getCreatedAt()), Clocks.instant(r.getUpdatedAt()));
        }).toList();
    }
}
