package org.ffmas.crm.agreement;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ffmas.crm.agreement.Agreement.Counterpart;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.agreement.Agreement.Kind;
import org.ffmas.crm.common.BodyReader;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Patch;
import org.ffmas.crm.common.Validation;

/**
 * An agreement's editable fields as a create or a change sends them: each absent or sent (see {@link Patch}).
 * The counterparts and instalments are read and checked element by element, as a whole list.
 */
public record AgreementFields(Patch<Long> companyId, Patch<Kind> kind, Patch<String> tier, Patch<String> title, Patch<Long> amountCents,
                              Patch<String> currency, Patch<LocalDate> startDate, Patch<LocalDate> endDate, Patch<Boolean> autoRenew,
                              Patch<Long> signatoryContactId, Patch<Long> ownerId, Patch<String> notes,
                              Patch<List<Counterpart>> counterparts, Patch<List<Instalment>> instalments) {

    /** The terms: they change only while the agreement is DRAFT or SENT. */
    static final Set<String> TERMS = Set.of("kind", "tier", "title", "amountCents", "currency", "startDate", "endDate",
            "autoRenew", "signatoryContactId", "counterparts", "instalments");
    static final Set<String> ALWAYS_EDITABLE = Set.of("ownerId", "notes");
    static final Set<String> READ_ONLY = Set.of("id", "status", "signedOn", "endReason", "renewalOfId", "allowedTransitions",
            "createdAt", "updatedAt");
    private static final String COMPANY_ID = "companyId";
    private static final Set<String> COUNTERPART_NAMES = Set.of("id", "label", "valueCents", "dueDate", "deliveredAt");
    private static final Set<String> INSTALMENT_NAMES = Set.of("id", "dueDate", "amountCents", "paidAt", "reference");

    /** Nothing sent. */
    static final AgreementFields NONE = new AgreementFields(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent(), Patch.absent());

    /** Reads a create's body: the company is named there. */
    static final BodyReader<AgreementFields> NEW = new BodyReader<>(union(TERMS, ALWAYS_EDITABLE, Set.of(COMPANY_ID)), READ_ONLY,
            NONE, AgreementFields::read);
    /**
     * Reads a change's body: the company is read-only there, yet a companyId sent is still read, so that
     * the 400 also says when it names no company (or one the signatory does not belong to), as it always did.
     */
    static final BodyReader<AgreementFields> CHANGE = new BodyReader<>(union(TERMS, ALWAYS_EDITABLE, Set.of()),
            union(READ_ONLY, Set.of(COMPANY_ID), Set.of()), NONE, AgreementFields::read);

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return Set.copyOf(all);
    }

    /** Reads the fields of {@code f}; a field of the wrong type is sent as null, its error in {@code v}. */
    static AgreementFields read(JsonFields f, Validation v) {
        Patch<Long> companyId = number(f, COMPANY_ID);
        Patch<Kind> kind = f.has("kind") ? Patch.of(Enums.parse(v, "kind", f.text("kind"), Kind.class)) : Patch.absent();
        Patch<String> tier = text(f, "tier");
        Patch<String> title = text(f, "title");
        Patch<Long> amountCents = number(f, "amountCents");
        Patch<String> currency = text(f, "currency");
        Patch<LocalDate> startDate = date(f, v, "startDate");
        Patch<LocalDate> endDate = date(f, v, "endDate");
        Patch<Boolean> autoRenew = f.has("autoRenew") ? Patch.of(f.flag("autoRenew")) : Patch.absent();
        Patch<Long> signatoryContactId = number(f, "signatoryContactId");
        Patch<Long> ownerId = number(f, "ownerId");
        Patch<String> notes = text(f, "notes");
        Patch<List<Counterpart>> counterparts = f.has("counterparts")
                ? Patch.of(f.objects("counterparts", COUNTERPART_NAMES, (p, e) -> counterpart(p, e, v))) : Patch.absent();
        Patch<List<Instalment>> instalments = f.has("instalments")
                ? Patch.of(f.objects("instalments", INSTALMENT_NAMES, (p, e) -> instalment(p, e, v))) : Patch.absent();
        return new AgreementFields(companyId, kind, tier, title, amountCents, currency, startDate, endDate, autoRenew,
                signatoryContactId, ownerId, notes, counterparts, instalments);
    }

    /** The names of the terms sent, in the order of {@link #TERMS}. */
    List<String> termsSent() {
        return TERMS.stream().filter(t -> term(t).sent()).toList();
    }

    private Patch<?> term(String name) {
        return switch (name) {
            case "kind" -> kind;
            case "tier" -> tier;
            case "title" -> title;
            case "amountCents" -> amountCents;
            case "currency" -> currency;
            case "startDate" -> startDate;
            case "endDate" -> endDate;
            case "autoRenew" -> autoRenew;
            case "signatoryContactId" -> signatoryContactId;
            case "counterparts" -> counterparts;
            case "instalments" -> instalments;
            default -> throw new IllegalArgumentException("not a term: " + name);
        };
    }

    private static Counterpart counterpart(String p, JsonFields f, Validation v) {
        String label = v.text(p + ".label", f.text("label"), 200);
        Long value = f.number("valueCents");
        if (value == null || value < 0) {
            v.error(p + ".valueCents", "must be a number of cents, 0 or more");
        }
        return new Counterpart(0, label, value == null ? 0 : value, v.date(p + ".dueDate", f.text("dueDate")),
                v.date(p + ".deliveredAt", f.text("deliveredAt")));
    }

    private static Instalment instalment(String p, JsonFields f, Validation v) {
        LocalDate due = v.date(p + ".dueDate", f.text("dueDate"));
        if (due == null && !v.has(p + ".dueDate")) {
            v.error(p + ".dueDate", "is required");
        }
        Long amount = f.number("amountCents");
        if (amount == null || amount <= 0) {
            v.error(p + ".amountCents", "must be a positive number of cents");
        }
        return new Instalment(0, due, amount == null ? 0 : amount, v.date(p + ".paidAt", f.text("paidAt")),
                v.optionalText(p + ".reference", f.text("reference"), 100));
    }

    private static Patch<String> text(JsonFields f, String field) {
        return f.has(field) ? Patch.of(f.text(field)) : Patch.absent();
    }

    private static Patch<Long> number(JsonFields f, String field) {
        return f.has(field) ? Patch.of(f.number(field)) : Patch.absent();
    }

    private static Patch<LocalDate> date(JsonFields f, Validation v, String field) {
        return f.has(field) ? Patch.of(v.date(field, f.text(field))) : Patch.absent();
    }
}
