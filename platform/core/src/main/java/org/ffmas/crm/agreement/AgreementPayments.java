package org.ffmas.crm.agreement;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.storage.Database;

/** What signed agreements bring in: instalments paid, due and overdue, and the year in figures. */
final class AgreementPayments {

    private final Database database;
    private final AgreementRepository agreements;
    private final AgreementLookup lookup;
    private final AuditService audit;

    AgreementPayments(Database database, AgreementRepository agreements, AgreementLookup lookup, AuditService audit) {
        this.database = database;
        this.agreements = agreements;
        this.lookup = lookup;
        this.audit = audit;
    }

    Agreement markPaid(Actor by, long id, long instalmentId, String paidAtText, String reference) {
        Agreement a = lookup.get(id);
        Instalment instalment = a.instalments().stream().filter(i -> i.id() == instalmentId).findFirst()
                .orElseThrow(() -> new NotFoundException("Agreement " + id + " has no instalment " + instalmentId + "."));
        if (!Lifecycle.wasSigned(a.status())) {
            throw new ConflictException("Agreement " + id + " is " + a.status() + ": only a signed agreement is paid.", null);
        }
        Validation v = new Validation();
        LocalDate paidAt = paidAtText == null ? lookup.today() : v.date("paidAt", paidAtText);
        String ref = v.optionalText("reference", reference, 100);
        if (paidAt != null && paidAt.isAfter(lookup.today())) {
            v.error("paidAt", "must not be in the future");
        }
        v.throwIfAny();
        database.inTransaction(() -> {
            agreements.markPaid(id, instalmentId, paidAt, ref);
            audit.record(by, "agreement.instalment_paid", "agreement", id,
                    Map.of("instalmentId", instalmentId, "amountCents", instalment.amountCents(), "paidAt", paidAt.toString()));
            return null;
        });
        return lookup.get(id);
    }

    /** Unpaid instalments of signed agreements due before {@code day} (overdue ones included). */
    List<OverdueInstalment> unpaidDueBefore(LocalDate day) {
        return agreements.overdue(day);
    }

    /** The year in figures: signed amounts by kind and tier, active agreements, instalments paid / due / overdue. */
    Map<String, Object> summary(int year) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("year", year);
        List<AgreementRepository.SignedAmount> signed = agreements.signedIn(year);
        out.put("signed", signed);
        out.put("signedAmountCents", signed.stream().mapToLong(AgreementRepository.SignedAmount::amountCents).sum());
        out.put("activeCount", agreements.countActive());
        AgreementRepository.Payments p = agreements.payments(year, lookup.today());
        out.put("paidCents", p.paidCents());
        out.put("dueCents", p.dueCents());
        out.put("overdueCents", p.overdueCents());
        return out;
    }
}
