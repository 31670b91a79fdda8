package org.ffmas.crm.partner;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.FieldError;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;

/**
 * A note, call, meeting, mail or task staff put on a company's timeline, as
 * {@code POST /api/companies/{id}/activities} sends it, checked as far as the body alone allows.
 * What is wrong is in {@link #errors} (the kind, the text and the contact's id) and
 * {@link #dateErrors} (the dates): the service checks that the contact is one of the company's
 * between the two, so that a 400 lists the fields in the order it always has.
 */
public record NewActivity(ActivityKind kind, String text, Long contactId, Instant dueAt, Instant doneAt, BodyErrors errors,
                          BodyErrors dateErrors) {

    private static final Set<String> FIELDS = Set.of("kind", "text", "contactId", "dueAt", "doneAt");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "authorId");
    private static final BodyErrors NONE = new BodyErrors(List.of(), false);

    /** Reads an activity's body; never throws, the errors are reported by the service. */
    public static NewActivity from(JsonNode body) {
        if (!BodyErrors.readable(body)) {
            return new NewActivity(null, null, null, null, null, BodyErrors.NOT_AN_OBJECT, NONE);
        }
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, FIELDS, READ_ONLY);
        ActivityKind kind = Enums.parse(v, "kind", f.text("kind"), ActivityKind.class);
        if (kind == null && !v.has("kind")) {
            v.error("kind", "is required");
        }
        if (kind == ActivityKind.SYSTEM) {
            v.error("kind", "SYSTEM entries are written by the platform");
        }
        String text = v.multilineText("text", f.text("text"), 10_000);
        if (text == null && !v.has("text")) {
            v.error("text", "is required");
        }
        Long contactId = f.number("contactId");
        int datesFrom = v.errors().size();
        Instant dueAt = v.instant("dueAt", f.text("dueAt"));
        Instant doneAt = v.instant("doneAt", f.text("doneAt"));
        if (dueAt != null && kind != ActivityKind.TASK) {
            v.error("dueAt", "is only for a TASK");
        }
        List<FieldError> all = v.errors();
        return new NewActivity(kind, text, contactId, dueAt, doneAt, new BodyErrors(all.subList(0, datesFrom), false),
                new BodyErrors(all.subList(datesFrom, all.size()), false));
    }
}
