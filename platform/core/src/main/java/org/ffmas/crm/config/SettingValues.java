package org.ffmas.crm.config;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Every setting's value as resolved (default, file or environment) with where it came from, and the checks that name it when it is wrong. */
final class SettingValues {

    /** A value and where it came from, to tell the user which one to fix. */
    record Value(String text, String source) {}

    private final Map<Setting, Value> values;
    private final Path workingDir;

    SettingValues(Map<Setting, Value> values, Path workingDir) {
        this.values = Map.copyOf(values);
        this.workingDir = workingDir;
    }

    /** A file named by a setting, relative to the working folder. */
    Path path(String name) {
        return workingDir.resolve(name);
    }

    String text(Setting s) {
        return values.get(s).text();
    }

    SettingException problem(Setting s, String what) {
        Value v = values.get(s);
        String shown = s.secret() ? "" : "'" + v.text() + "' ";
        return new SettingException(s, shown + "(" + v.source() + ") " + what);
    }

    int integer(Setting s, int min, int max, String expected) {
        String text = text(s);
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw problem(s, "is not a number; expected " + expected);
        }
        if (n < min || n > max) {
            throw problem(s, "is out of range; expected " + expected);
        }
        return n;
    }

    long longInteger(Setting s, long min, long max, String expected) {
        String text = text(s);
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw problem(s, "is not a number; expected " + expected);
        }
        if (n < min || n > max) {
            throw problem(s, "is out of range; expected " + expected);
        }
        return n;
    }

    /** The comma-separated items of a setting, trimmed, without empty ones. */
    List<String> list(Setting s) {
        return Arrays.stream(text(s).split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** Why a file could not be used, in a few words. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : "cannot be created";
    }
}
