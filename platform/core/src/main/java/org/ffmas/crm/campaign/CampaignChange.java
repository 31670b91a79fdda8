package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

/**
 * A change to a campaign, as {@code PATCH /api/campaigns/{id}} sends it: the fields to change,
 * the version the client read (null when it sent none, an error then kept in {@link #errors}),
 * and the names the body sent, in its order, for the audit log.
 */
public record CampaignChange(Long version, CampaignFields fields, List<String> sent, BodyErrors errors) {

    public CampaignChange {
        sent = List.copyOf(sent);
    }

    /** Reads a PATCH body, whose version is required; what is wrong in it is kept in {@link #errors}. */
    public static CampaignChange from(JsonNode body) {
        BodyReader.Read<CampaignFields> read = CampaignFields.reader(body).change(body);
        List<String> sent = new ArrayList<>();
        if (BodyErrors.readable(body)) {
            body.fieldNames().forEachRemaining(sent::add);
        }
        return new CampaignChange(read.version(), read.fields(), sent, read.errors());
    }
}
