package org.ffmas.crm.security;

import java.time.Instant;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;

/** An API token as listed: never with its secret, which is shown once at creation. */
public record ApiToken(long id, String name, Role role, long createdBy, Instant createdAt, Optional<Instant> expiresAt,
                       Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {}
