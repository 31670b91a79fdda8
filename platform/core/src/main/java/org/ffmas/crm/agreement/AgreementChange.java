package org.ffmas.crm.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

/**
 * A change to an agreement, as {@code PATCH /api/agreements/{id}} sends it: the fields to change
 * and the version the client read (null when it sent none, an error then kept in {@link #errors}).
 */
public record AgreementChange(Long version, AgreementFields fields, BodyErrors errors) {

    /** Reads a PATCH body, whose version is required; what is wrong in it is kept in {@link #errors}. */
    public static AgreementChange from(JsonNode body) {
        BodyReader.Read<AgreementFields> read = AgreementFields.CHANGE.change(body);
        return new AgreementChange(read.version(), read.fields(), read.errors());
    }
}
