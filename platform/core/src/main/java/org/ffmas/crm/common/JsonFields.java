package org.ffmas.crm.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the fields of a JSON object sent to create or change something, telling apart a field
 * that is absent (leave it), null (clear it) and of the wrong type (an error for that field).
 * Fields that are not known are errors too: a typo must not be silently ignored.
 */
public final class JsonFields {

    private final JsonNode object;
    private final Validation v;
    private final String prefix;

    private JsonFields(JsonNode object, Validation v, String prefix) {
        this.object = object;
        this.v = v;
        this.prefix = prefix;
    }

    /** The fields of {@code body}; unknown names and read-only ones are reported to {@code v}. */
    public static JsonFields of(JsonNode body, Validation v, Set<String> known, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            v.error("body", "must be a JSON object");
            v.throwIfAny();
        }
        return new JsonFields(body, v, "").check(known, readOnly);
    }

    /** The fields of one element of a list, named {@code prefix.field} in errors. */
    public static JsonFields ofElement(JsonNode element, Validation v, String prefix, Set<String> known) {
        if (element == null || !element.isObject()) {
            v.error(prefix, "must be an object");
            return new JsonFields(JsonNodeFactory.instance.objectNode(), v, prefix + ".");
        }
        return new JsonFields(element, v, prefix + ".").check(known, Set.of());
    }

    private JsonFields check(Set<String> known, Set<String> readOnly) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (readOnly.contains(name)) {
                v.error(prefix + name, "is read-only");
            } else if (!known.contains(name)) {
                v.error(prefix + name, "unknown field");
            }
        }
        return this;
    }

    /** The names of the fields sent. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public boolean has(String field) {
        return object.has(field);
    }

    /** A text, or null when null; an error when it is something else. */
    public String text(String field) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            v.error(prefix + field, "must be a text");
            return null;
        }
        return n.asText();
    }

    public Long number(String field) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            v.error(prefix + field, "must be a whole number");
            return null;
        }
        return n.asLong();
    }

    public List<String> texts(String field) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!n.isArray()) {
            v.error(prefix + field, "must be a list of texts");
            return out;
        }
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                v.error(prefix + field, "must be a list of texts");
                return List.of();
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A nested object (e.g. {@code address}); empty when absent or null. */
    public JsonFields object(String field, Set<String> known) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            return new JsonFields(JsonNodeFactory.instance.objectNode(), v, prefix + field + ".");
        }
        if (!n.isObject()) {
            v.error(prefix + field, "must be an object");
            return new JsonFields(JsonNodeFactory.instance.objectNode(), v, prefix + field + ".");
        }
        return new JsonFields(n, v, prefix + field + ".").check(known, Set.of());
    }

    /** True or false; an error when it is anything else, null included. */
    public Boolean flag(String field) {
        JsonNode n = object.get(field);
        if (n == null || !n.isBoolean()) {
            v.error(prefix + field, "must be true or false");
            return null;
        }
        return n.asBoolean();
    }

    /**
     * A list of objects, each read by {@code element} given its name in errors ({@code field[i]}) and its fields
     * (unknown names reported), one after the other; empty when absent or null.
     */
    public <T> List<T> objects(String field, Set<String> known, BiFunction<String, JsonFields, T> element) {
        JsonNode n = object.get(field);
        List<T> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            v.error(prefix + field, "must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String name = prefix + field + "[" + i + "]";
            out.add(element.apply(name, ofElement(n.get(i), v, name, known)));
        }
        return out;
    }

    public boolean isNull(String field) {
        return object.has(field) && object.get(field).isNull();
    }
}
