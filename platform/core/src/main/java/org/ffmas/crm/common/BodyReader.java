package org.ffmas.crm.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the typed fields {@code F} of a create's or a change's body, keeping what is wrong in it
 * for the service to report with the rules' errors (see {@link BodyErrors}).
 */
public final class BodyReader<F> {

    /** What a body held: the version a change sent (null for a create, or when missing), the fields, what is wrong. */
    public record Read<F>(Long version, F fields, BodyErrors errors) {}

    private static final String VERSION = "version";

    private final Set<String> names;
    private final Set<String> namesAndVersion;
    private final Set<String> readOnly;
    private final F none;
    private final BiFunction<JsonFields, Validation, F> reader;

    /**
     * {@code names} the JSON names of the fields, {@code readOnly} those the API shows but refuses,
     * {@code none} the fields when nothing is sent, {@code reader} what reads them (type errors to its Validation).
     */
    public BodyReader(Set<String> names, Set<String> readOnly, F none, BiFunction<JsonFields, Validation, F> reader) {
        this.names = names;
        Set<String> withVersion = new HashSet<>(names);
        withVersion.add(VERSION);
        this.namesAndVersion = Set.copyOf(withVersion);
        this.readOnly = readOnly;
        this.none = none;
        this.reader = reader;
    }

    /** The fields of a create's body (a version sent is an unknown field there). */
    public Read<F> fields(JsonNode body) {
        return read(body, false);
    }

    /** The fields and the version of a change's body, whose version is required. */
    public Read<F> change(JsonNode body) {
        return read(body, true);
    }

    private Read<F> read(JsonNode body, boolean versioned) {
        if (!BodyErrors.readable(body)) {
            return new Read<>(null, none, BodyErrors.NOT_AN_OBJECT);
        }
        Validation v = new Validation();
        JsonFields f = JsonFields.of(body, v, versioned ? namesAndVersion : names, readOnly);
        Long version = null;
        if (versioned) {
            version = f.number(VERSION);
            if (version == null && !v.has(VERSION)) {
                v.error(VERSION, "is required: send the version you read");
            }
        }
        return new Read<>(version, reader.apply(f, v), BodyErrors.of(v));
    }
}
