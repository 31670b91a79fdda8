package org.ffmas.crm.common;

import org.ffmas.crm.api.access.Role;

/**
 * Who does something, and from where: what services are given with each change, so that the
 * audit log, timelines and logs name the same person.
 *
 * @param userId the staff member (the creator of the token for an API token); 0 for the platform itself
 * @param name username, {@code token:<name>} for an API token, or a part's name such as {@code plugin:sirene}
 * @param role what the caller may do
 * @param via how the caller authenticated
 * @param address the client's address; null when the platform acts on its own
 */
public record Actor(long userId, String name, Role role, Via via, String address) {

    /** How a caller authenticated. */
    public enum Via { SESSION, TOKEN, SYSTEM }

    /** Nobody known (a failed login): only the address is recorded. */
    public static Actor anonymous(String address) {
        return new Actor(0, null, Role.READ_ONLY, Via.SYSTEM, address);
    }

    /** A part of the platform acting on its own, such as a plugin or an import from the inbox. */
    public static Actor system(String name, Role role) {
        return new Actor(0, name, role, Via.SYSTEM, null);
    }

    /** The staff member, or null when no one is behind it (the platform, a plugin). */
    public Long userIdOrNull() {
        return userId == 0 ? null : userId;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
