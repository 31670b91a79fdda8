package org.ffmas.crm.api.access;

import java.util.Arrays;
import java.util.Optional;

/** What a staff member or an API token may do; see {@link Allowed}. */
public enum Role {
    /** Everything, including users, tokens, plugins and settings. */
    ADMIN,
    /** Companies, contacts, agreements, campaigns, imports. */
    STAFF,
    /** Reads what a staff member reads; changes nothing. */
    READ_ONLY;

    /** The role named exactly {@code text}, if there is one. */
    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.name().equals(text)).findFirst();
    }

    /** The role names, comma-separated, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Role::name).toList());
    }
}
