package org.ffmas.crm.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ffmas.crm.agreement.Agreement.Counterpart;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.agreement.Agreement.Kind;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Validation;

/** An agreement's editable fields while created or changed: JSON applied over current values, then checked. */
final class AgreementDraft {

    static final Set<String> TERMS = Set.of("kind", "tier", "title", "amountCents", "currency", "startDate", "endDate",
            "autoRenew", "signatoryContactId", "counterparts", "instalments");
    static final Set<String> ALWAYS_EDITABLE = Set.of("ownerId", "notes");
    static final Set<String> READ_ONLY = Set.of("id", "status", "signedOn", "endReason", "renewalOfId", "allowedTransitions",
            "createdAt", "updatedAt");
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

    void apply(JsonFields f, JsonNode body, Validation v) {
        if (f.has("companyId")) companyId = f.number("companyId");
        if (f.has("kind")) kind = Enums.parse(v, "kind", f.text("kind"), Kind.class);
        if (f.has("tier")) tier = f.text("tier");
        if (f.has("title")) title = f.text("title");
        if (f.has("amountCents")) amountCents = f.number("amountCents");
        if (f.has("currency")) currency = f.text("currency");
        if (f.has("startDate")) startDate = v.date("startDate", f.text("startDate"));
        if (f.has("endDate")) endDate = v.date("endDate", f.text("endDate"));
        if (f.has("autoRenew")) {
            JsonNode n = body.get("autoRenew");
            if (n.isBoolean()) {
                autoRenew = n.asBoolean();
            } else {
                v.error("autoRenew", "must be true or false");
            }
        }
        if (f.has("signatoryContactId")) signatoryContactId = f.number("signatoryContactId");
        if (f.has("ownerId")) ownerId = f.number("ownerId");
        if (f.has("notes")) notes = f.text("notes");
        if (f.has("counterparts")) counterparts = counterparts(body.get("counterparts"), v);
        if (f.has("instalments")) instalments = instalments(body.get("instalments"), v);
    }

    private static List<Counterpart> counterparts(JsonNode list, Validation v) {
        List<Counterpart> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            v.error("counterparts", "must be a list");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = "counterparts[" + i + "]";
            JsonFields f = JsonFields.ofElement(list.get(i), v, p, Set.of("id", "label", "valueCents", "dueDate", "deliveredAt"));
            String label = v.text(p + ".label", f.text("label"), 200);
            Long value = f.number("valueCents");
            if (value == null || value < 0) {
                v.error(p + ".valueCents", "must be a number of cents, 0 or more");
            }
            out.add(new Counterpart(0, label, value == null ? 0 : value, v.date(p + ".dueDate", f.text("dueDate")),
                    v.date(p + ".deliveredAt", f.text("deliveredAt"))));
        }
        return out;
    }

    private static List<Instalment> instalments(JsonNode list, Validation v) {
        List<Instalment> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            v.error("instalments", "must be a list");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = "instalments[" + i + "]";
            JsonFields f = JsonFields.ofElement(list.get(i), v, p, Set.of("id", "dueDate", "amountCents", "paidAt", "reference"));
            LocalDate due = v.date(p + ".dueDate", f.text("dueDate"));
            if (due == null && !v.has(p + ".dueDate")) {
                v.error(p + ".dueDate", "is required");
            }
            Long amount = f.number("amountCents");
            if (amount == null || amount <= 0) {
                v.error(p + ".amountCents", "must be a positive number of cents");
            }
            out.add(new Instalment(0, due, amount == null ? 0 : amount, v.date(p + ".paidAt", f.text("paidAt")),
                    v.optionalText(p + ".reference", f.text("reference"), 100)));
        }
        return out;
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
