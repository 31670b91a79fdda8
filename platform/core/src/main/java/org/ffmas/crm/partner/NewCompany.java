package org.ffmas.crm.partner;

import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

import com.fasterxml.jackson.databind.JsonNode;

/** A company to create, as {@code POST /api/companies} (or an import row) sends it: the fields over the defaults. */
public record NewCompany(CompanyFields fields, BodyErrors errors) {

    /** Reads a create's body; what is wrong in it is kept in {@link #errors}, reported with the rules' errors. */
    public static NewCompany from(JsonNode body) {
        BodyReader.Read<CompanyFields> read = CompanyFields.BODY.fields(body);
        return new NewCompany(read.fields(), read.errors());
    }

    /** The same fields as a change of a company already there, read at {@code version} (an import row upserted). */
    CompanyChange asChange(long version) {
        return new CompanyChange(version, fields, errors);
    }
}
