package org.ffmas.crm.partner;

import org.ffmas.crm.common.BodyErrors;
import org.ffmas.crm.common.BodyReader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to a contact, as {@code PATCH /api/contacts/{id}} sends it: the fields to change
 * and the version the client read (null when it sent none, an error then kept in {@link #errors}).
 */
public record ContactChange(Long version, ContactFields fields, BodyErrors errors) {

    /** Reads a PATCH body, whose version is required; what is wrong in it is kept in {@link #errors}. */
    public static ContactChange from(JsonNode body) {
        BodyReader.Read<ContactFields> read = ContactFields.BODY.change(body);
        return new ContactChange(read.version(), read.fields(), read.errors());
    }

    /** Reads fields alone, to ask whether they would change a contact: a version sent is an unknown field there. */
    public static ContactChange withoutVersion(JsonNode body) {
        BodyReader.Read<ContactFields> read = ContactFields.BODY.fields(body);
        return new ContactChange(null, read.fields(), read.errors());
    }
}
