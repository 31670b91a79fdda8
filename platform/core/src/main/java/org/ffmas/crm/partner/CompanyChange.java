package org.ffmas.crm.partner;

import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to a company, as {@code PATCH /api/companies/{id}} sends it: the fields to change
 * and the version the client read (null when it sent none, an error then kept in {@link #errors}).
 */
public record CompanyChange(Long version, CompanyFields fields, BodyErrors errors) {

    /** Reads a PATCH body, whose version is required; what is wrong in it is kept in {@link #errors}. */
    public static CompanyChange from(JsonNode body) {
        BodyReader.Read<CompanyFields> read = CompanyFields.BODY.change(body);
        return new CompanyChange(read.version(), read.fields(), read.errors());
    }

    /** Reads fields alone, to ask whether they would change a company: a version sent is an unknown field there. */
    public static CompanyChange withoutVersion(JsonNode body) {
        BodyReader.Read<CompanyFields> read = CompanyFields.BODY.fields(body);
        return new CompanyChange(null, read.fields(), read.errors());
    }
}
