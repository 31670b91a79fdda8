package org.ffmas.crm.agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ffmas.crm.agreement.Agreement.Counterpart;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.agreement.Agreement.Kind;
import org.ffmas.crm.common.Validation;

/** An agreement's editable fields while created or changed: the fields sent applied over current values, then checked. */
final class AgreementDraft {

    /** French tax administration's tolerance: counterparts of a mécénat are worth at most a quarter of the gift. */
    static final int MAX_COUNTERPART_PERCENT = 25;

    Long companyId;
    Kind kind;
    String tier;
    String title;
    Long amountCents;
    String currency = "EUR";
    LocalDate startDate;
    LocalDate endDate;
    boolean autoRenew;
    Long signatoryContactId;
    Long ownerId;
    String notes;
    List<Counterpart> counterparts = List.of();
    List<Instalment> instalments = List.of();

    static AgreementDraft of(Agreement a) {
        AgreementDraft d = new AgreementDraft();
        d.companyId = a.companyId();
        d.kind = a.kind();
        d.tier = a.tier();
        d.title = a.title();
        d.amountCents = a.amountCents();
        d.currency = a.currency();
        d.startDate = a.startDate();
        d.endDate = a.endDate();
        d.autoRenew = a.autoRenew();
        d.signatoryContactId = a.signatoryContactId();
        d.ownerId = a.ownerId();
        d.notes = a.notes();
        d.counterparts = a.counterparts();
        d.instalments = a.instalments();
        return d;
    }

    /** Sets every field {@code f} sends. */
    void apply(AgreementFields f) {
        companyId = f.companyId().over(companyId);
        kind = f.kind().over(kind);
        tier = f.tier().over(tier);
        title = f.title().over(title);
        amountCents = f.amountCents().over(amountCents);
        currency = f.currency().over(currency);
        startDate = f.startDate().over(startDate);
        endDate = f.endDate().over(endDate);
        // a flag of the wrong type is sent as null, its error reported: the agreement is not written then
        autoRenew = Boolean.TRUE.equals(f.autoRenew().over(autoRenew));
        signatoryContactId = f.signatoryContactId().over(signatoryContactId);
        ownerId = f.ownerId().over(ownerId);
        notes = f.notes().over(notes);
        counterparts = f.counterparts().over(counterparts);
        instalments = f.instalments().over(instalments);
    }

    /** Checks everything that does not need the database; fills the tier's default amount. */
    void validate(Validation v, Map<String, Long> tiers) {
        if (kind == null && !v.has("kind")) {
            v.error("kind", "is required");
        }
        title = v.text("title", title, 200);
        notes = v.multilineText("notes", notes, 10_000);
        if (tier != null) {
            tier = tier.strip().toUpperCase(Locale.ROOT);
            if (!tiers.containsKey(tier)) {
                v.error("tier", "must be one of " + String.join(", ", tiers.keySet()));
            } else if (amountCents == null) {
                amountCents = tiers.get(tier);
            }
        }
        if (amountCents == null || amountCents <= 0) {
            if (!v.has("amountCents")) {
                v.error("amountCents", "must be a positive number of cents");
            }
        }
        if (!"EUR".equals(currency)) {
            v.error("currency", "must be EUR");
        }
        if (startDate == null && !v.has("startDate")) {
            v.error("startDate", "is required");
        }
        if (endDate == null && !v.has("endDate")) {
            v.error("endDate", "is required");
        }
        if (startDate != null && endDate != null && !endDate.isAfter(startDate)) {
            v.error("endDate", "must be after the start date");
        }
        if (amountCents != null && amountCents > 0) {
            long counterpartValue = counterparts.stream().mapToLong(Counterpart::valueCents).sum();
            if (kind != null && kind.isMecenat() && counterpartValue * 100 > amountCents * MAX_COUNTERPART_PERCENT) {
                v.error("counterparts", "are worth " + euros(counterpartValue) + ", more than " + MAX_COUNTERPART_PERCENT
                        + " % of the gift (" + euros(amountCents * MAX_COUNTERPART_PERCENT / 100) + " at most): the tax administration "
                        + "would not see a mécénat any more");
            }
            long scheduled = instalments.stream().mapToLong(Instalment::amountCents).sum();
            if (!instalments.isEmpty() && scheduled != amountCents) {
                v.error("instalments", "add up to " + euros(scheduled) + ", not to the amount of " + euros(amountCents));
            }
        }
    }

    static String euros(long cents) {
        return String.format(Locale.FRANCE, "%,.2f €", cents / 100.0);
    }
}
