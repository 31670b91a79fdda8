package org.ffmas.crm.security;

import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Actor;

/**
 * Who is calling: a staff member through a login session, or an integration through an API
 * token (whose role is the token's, not its creator's, and never above the creator's current one).
 *
 * @param userId the staff member, or the creator of the token
 * @param name username, or {@code token:<name>} for an API token
 * @param sessionId set for a login session
 * @param tokenId set for an API token
 * @param csrfToken the session's CSRF token, for cookie-authenticated requests
 */
public record Caller(long userId, String name, Role role, Optional<Long> sessionId, Optional<Long> tokenId,
                     Optional<String> csrfToken) {

    /** A part of the platform acting on its own, such as a plugin: no staff user behind it. */
    public static Caller system(String name, Role role) {
        return new Caller(0, name, role, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This caller acting from that address, as services are given it. */
    public Actor actor(String address) {
        return new Actor(userId, name, role, tokenId.isPresent() ? Actor.Via.TOKEN : sessionId.isPresent() ? Actor.Via.SESSION : Actor.Via.SYSTEM,
                address);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
