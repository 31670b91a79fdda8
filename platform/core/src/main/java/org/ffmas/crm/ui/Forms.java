package org.ffmas.crm.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A submitted form: its values as typed (to show again), and as the API's JSON fields. */
final class Forms {

    private Forms() {
    }

    /** The values to put back in the form, keyed as templates read them (dots as underscores). */
    static Map<String, String> values(MultivaluedMap<String, String> form) {
        Map<String, String> m = new HashMap<>();
        form.forEach((k, v) -> m.put(k.replace('.', '_'), v.isEmpty() ? "" : v.get(0)));
        return m;
    }

    /** A value as an input shows it: empty for none. */
    static String orBlank(String s) {
        return s == null ? "" : s;
    }

    /**
     * The API's fields from a form: empty inputs left out, {@code a.b} names as nested objects, the
     * named fields as numbers or lists (comma-separated).
     */
    static ObjectNode json(MultivaluedMap<String, String> form, Set<String> numbers, Set<String> lists) {
        return json(form, numbers, lists, false);
    }

    /** As {@link #json(MultivaluedMap, Set, Set)}; with {@code blankClears}, an emptied input clears its field (an edit form). */
    static ObjectNode json(MultivaluedMap<String, String> form, Set<String> numbers, Set<String> lists, boolean blankClears) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        form.forEach((name, values) -> {
            if (name.equals("csrf")) {
                return;
            }
            if (values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
                if (blankClears && !name.contains(".")) {
                    o.putNull(name);
                }
                return;
            }
            String value = values.get(0).strip();
            ObjectNode target = o;
            String field = name;
            int dot = name.indexOf('.');
            if (dot > 0) {
                String parent = name.substring(0, dot);
                target = o.has(parent) ? (ObjectNode) o.get(parent) : o.putObject(parent);
                field = name.substring(dot + 1);
            }
            if (numbers.contains(name) && value.matches("-?\\d{1,18}")) {
                target.put(field, Long.parseLong(value));
            } else if (lists.contains(name)) {
                var array = target.putArray(field);
                for (String v : values.size() > 1 ? values : List.of(value.split("\\s*,\\s*"))) {
                    if (!v.isBlank()) {
                        array.add(v.strip());
                    }
                }
            } else {
                target.put(field, value);
            }
        });
        return o;
    }
}
