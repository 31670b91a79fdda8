package org.ffmas.crm.web;

import org.ffmas.crm.common.Validation;

/** {@code page} (from 1) and {@code size} (1 to 500) query parameters, checked. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 500;

    public static Paging of(String page, String size) {
        Validation v = new Validation();
        Paging p = of(v, page, size);
        v.throwIfAny();
        return p;
    }

    /** Reports problems to {@code v}, so that they come with the other parameters' ones. */
    public static Paging of(Validation v, String page, String size) {
        return new Paging(parse(v, "page", page, 1, Integer.MAX_VALUE), parse(v, "size", size, 1, MAX_SIZE));
    }

    private static int parse(Validation v, String field, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        v.error(field, "must be a whole number between " + min + " and " + max);
        return min;
    }
}
