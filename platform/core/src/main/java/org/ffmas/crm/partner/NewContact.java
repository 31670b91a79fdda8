package org.ffmas.crm.partner;

import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

import com.fasterxml.jackson.databind.JsonNode;

/** A contact to create, as {@code POST /api/companies/{id}/contacts} (or an import row) sends it: the fields over the defaults. */
public record NewContact(ContactFields fields, BodyErrors errors) {

    /** Reads a create's body; what is wrong in it is kept in {@link #errors}, reported with the rules' errors. */
    public static NewContact from(JsonNode body) {
        BodyReader.Read<ContactFields> read = ContactFields.BODY.fields(body);
        return new NewContact(read.fields(), read.errors());
    }

    /** The same fields as a change of a contact already there, read at {@code version} (an import row upserted). */
    ContactChange asChange(long version) {
        return new ContactChange(version, fields, errors);
    }
}
