package org.ffmas.crm.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

/** An agreement to create, as {@code POST /api/agreements} sends it: the fields over the defaults, the company required. */
public record NewAgreement(AgreementFields fields, BodyErrors errors) {

    /** Reads a create's body; what is wrong in it is kept in {@link #errors}, reported with the rules' errors. */
    public static NewAgreement from(JsonNode body) {
        BodyReader.Read<AgreementFields> read = AgreementFields.NEW.fields(body);
        return new NewAgreement(read.fields(), read.errors());
    }
}
