package org.ffmas.crm.security;

import java.time.Instant;
import org.ffmas.crm.api.access.Role;

/** A staff account as the API shows it (never with its password hash). */
public record StaffUser(long id, String username, String displayName, String email, Role role, boolean active,
                        long version, Instant createdAt, Instant updatedAt) {}
