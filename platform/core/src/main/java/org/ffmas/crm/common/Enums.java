package org.ffmas.crm.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses an enum value sent as text, reporting the allowed values when it is not one. */
public final class Enums {

    private Enums() {}

    public static <E extends Enum<E>> E parse(Validation v, String field, String text, Class<E> type) {
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        v.error(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        return null;
    }
}
