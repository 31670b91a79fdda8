package org.ffmas.crm.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What was wrong in a request body, found while reading it into a feature's typed
 * request: unknown, read-only or wrongly typed fields. They are not thrown at once: the service
 * reports them together with the errors only it can find (a rule broken, a company that is not
 * there), in one 400 listing every field at fault, in the order the fields are read.
 */
public record BodyErrors(List<FieldError> errors, boolean notAnObject) {

    /** A body that is no JSON object: nothing in it could be read. */
    public static final BodyErrors NOT_AN_OBJECT = new BodyErrors(List.of(new FieldError("body", "must be a JSON object")), true);

    public BodyErrors {
        errors = List.copyOf(errors);
    }

    /** The errors {@code v} has found reading a body. */
    public static BodyErrors of(Validation v) {
        return new BodyErrors(v.errors(), false);
    }

    /** Whether {@code body} can be read at all: a JSON object. */
    public static boolean readable(JsonNode body) {
        return body != null && body.isObject();
    }

    /** Adds them to {@code v}; a body that is no JSON object is refused at once, alone. */
    public void reportTo(Validation v) {
        if (notAnObject) {
            throw new InvalidInputException(errors);
        }
        errors.forEach(e -> v.error(e.field(), e.message()));
    }
}
