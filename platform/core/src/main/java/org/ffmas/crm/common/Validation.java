package org.ffmas.crm.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Collects every field error of one input, then refuses it all at once. */
public final class Validation {

    // deliberately plain: one @, no spaces, a dotted domain; deliverability is another matter
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    private final List<FieldError> errors = new ArrayList<>();

    public Validation error(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Whether no error was found. */
    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors found so far, in the order found. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** A required text of at most {@code max} characters; returns it trimmed (null when refused). */
    public String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            error(field, "is required");
            return null;
        }
        return optionalText(field, value, max);
    }

    /** An optional text of at most {@code max} characters; returns it trimmed, null when absent. */
    public String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            error(field, "must have at most " + max + " characters");
            return null;
        }
        if (v.chars().anyMatch(c -> c < 0x20)) {
            error(field, "must not contain control characters");
            return null;
        }
        return v;
    }

    /** An optional text that may span lines (notes); returns it trimmed with Unix line ends. */
    public String multilineText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().replace("\r\n", "\n").replace('\r', '\n');
        if (v.codePointCount(0, v.length()) > max) {
            error(field, "must have at most " + max + " characters");
            return null;
        }
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            error(field, "must not contain control characters");
            return null;
        }
        return v;
    }

    /** A required e-mail address; returns it with its domain lower-cased. */
    public String email(String field, String value) {
        String v = text(field, value, 254);
        if (v == null) {
            return null;
        }
        if (!EMAIL.matcher(v).matches()) {
            error(field, "is not a valid e-mail address");
            return null;
        }
        int at = v.lastIndexOf('@');
        return v.substring(0, at) + v.substring(at).toLowerCase(Locale.ROOT);
    }

    /** An optional ISO-8601 instant such as {@code 2026-11-25T09:00:00Z}; null when absent or refused. */
    public Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO-8601 instant such as 2026-11-25T09:00:00Z");
            return null;
        }
    }

    /** An optional date such as {@code 2027-01-31}; null when absent or refused. */
    public LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            error(field, "must be a date such as 2027-01-31");
            return null;
        }
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
