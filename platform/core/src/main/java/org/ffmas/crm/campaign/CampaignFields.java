package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.ffmas.crm.common.BodyReader;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Patch;
import org.ffmas.crm.common.Validation;

/** A campaign's editable fields as a create or a change sends them: each absent or sent (the segment already read). */
public record CampaignFields(Patch<String> name, Patch<String> subject, Patch<String> fromName, Patch<String> fromAddress,
                             Patch<String> replyTo, Patch<String> htmlTemplate, Patch<String> textTemplate, Patch<Segment> segment) {

    /** The JSON names a create or a change may send. */
    static final Set<String> NAMES = Set.of("name", "subject", "fromName", "fromAddress", "replyTo", "htmlTemplate", "textTemplate",
            "segment");
    /** The JSON names the API shows but refuses in a create or a change. */
    static final Set<String> READ_ONLY = Set.of("id", "status", "scheduledAt", "startedAt", "finishedAt", "createdBy", "createdAt",
            "updatedAt");
    private static final String SEGMENT = "segment";

    /** Nothing sent. */
    static final CampaignFields NONE = new CampaignFields(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent());

    /**
     * Reads a create's or a change's {@code body} into these fields. Made for each body, as the
     * segment is read from its JSON object by {@link Segment#parse}, which {@link JsonFields} does not hand out.
     */
    static BodyReader<CampaignFields> reader(JsonNode body) {
        return new BodyReader<>(NAMES, READ_ONLY, NONE, (f, v) -> read(body, f, v));
    }

    /** Reads the fields in this order; a text of the wrong type is sent as null, its error in {@code v}. */
    private static CampaignFields read(JsonNode body, JsonFields f, Validation v) {
        Patch<String> name = text(f, "name");
        Patch<String> subject = text(f, "subject");
        Patch<String> fromName = text(f, "fromName");
        Patch<String> fromAddress = text(f, "fromAddress");
        Patch<String> replyTo = text(f, "replyTo");
        Patch<String> htmlTemplate = text(f, "htmlTemplate");
        Patch<String> textTemplate = text(f, "textTemplate");
        Patch<Segment> segment = f.has(SEGMENT) ? Patch.of(Segment.parse(body.get(SEGMENT), v, SEGMENT)) : Patch.absent();
        return new CampaignFields(name, subject, fromName, fromAddress, replyTo, htmlTemplate, textTemplate, segment);
    }

    private static Patch<String> text(JsonFields f, String field) {
        return f.has(field) ? Patch.of(f.text(field)) : Patch.absent();
    }
}
