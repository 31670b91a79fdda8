package org.ffmas.crm.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields that differ between two versions of a record, as the API names them, with their
 * values before and after: what the audit log keeps of a change.
 */
public final class Changes {

    /** Bookkeeping fields that change with every write and say nothing about what changed. */
    private static final Set<String> IGNORED = Set.of("version", "updatedAt", "createdAt");

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Leaves out null and empty values (empty text, lists, maps, optionals), at every depth. */
    private static final ObjectMapper COMPACT = JSON.copy().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private Changes() {}

    /** field → {"from": before, "to": after}; empty when nothing changed. */
    public static Map<String, Map<String, JsonNode>> between(Object before, Object after) {
        JsonNode b = JSON.valueToTree(before);
        JsonNode a = JSON.valueToTree(after);
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        Iterator<String> names = a.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!IGNORED.contains(name) && !a.get(name).equals(b.get(name))) {
                Map<String, JsonNode> change = new LinkedHashMap<>();
                change.put("from", b.get(name));
                change.put("to", a.get(name));
                out.put(name, change);
            }
        }
        return out;
    }

    /** The record as a JSON tree, e.g. to keep what a created record looked like. */
    public static JsonNode snapshot(Object record) {
        return JSON.valueToTree(record);
    }

    /**
     * A snapshot without its empty values (null, empty lists): what a new record was created
     * with, said briefly; as JSON text, written as it is into the details that hold it (imports
     * create records by the thousand: no tree in between).
     */
    public static RawValue compactSnapshot(Object record) {
        try {
            return new RawValue(COMPACT.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record must be JSON-serialisable", e);
        }
    }
}
