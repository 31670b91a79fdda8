package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

/** A campaign to create, as {@code POST /api/campaigns} sends it: the fields over the defaults. */
public record NewCampaign(CampaignFields fields, BodyErrors errors) {

    /** Reads a create's body; what is wrong in it is kept in {@link #errors}, reported with the rules' errors. */
    public static NewCampaign from(JsonNode body) {
        BodyReader.Read<CampaignFields> read = CampaignFields.reader(body).fields(body);
        return new NewCampaign(read.fields(), read.errors());
    }
}
