package org.ffmas.crm.web;

import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.Validation;

/** Query parameters that may repeat ({@code status=A&status=B}) or list values with commas ({@code status=A,B}). */
public final class QueryParams {

    private QueryParams() {}

    public static List<String> values(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                for (String part : r.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    public static <E extends Enum<E>> List<E> enums(Validation v, String field, List<String> raw, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (String value : values(raw)) {
            E e = Enums.parse(v, field, value, type);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    public static Long id(Validation v, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            v.error(field, "must be an id (a whole number)");
            return null;
        }
    }

    public static Boolean bool(Validation v, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                v.error(field, "must be true or false");
                yield null;
            }
        };
    }
}
