package org.ffmas.crm.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API tokens for integrations: created by an admin with a role (at most their own), listed, revoked. */
public final class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    /** A new token and its secret, which is never shown again. */
    public record CreatedToken(ApiToken token, String secret) {}

    private final Database database;
    private final CredentialRepository credentials;
    private final AuditService audit;
    private final Clock clock;

    public TokenService(Database database, CredentialRepository credentials, AuditService audit, Clock clock) {
        this.database = database;
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
    }

    public CreatedToken create(Actor by, String name, String roleText, Instant expiresAt) {
        Validation v = new Validation();
        String cleanName = v.text("name", name, 100);
        Role role = null;
        if (roleText == null || roleText.isBlank()) {
            v.error("role", "is required");
        } else {
            role = Role.parse(roleText).orElse(null);
            if (role == null) {
                v.error("role", "must be one of " + Role.names());
            } else if (AuthService.weaker(role, by.role()) != role) {
                // a token never does more than the one who made it
                v.error("role", "must not be above your own role (" + by.role() + ")");
            }
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            v.error("expiresAt", "must be in the future");
        }
        v.throwIfAny();
        Role tokenRole = role;
        String secret = AuthService.API_TOKEN_PREFIX + Secrets.random(32);
        long id = database.inTransaction(() -> {
            long newId = credentials.createToken(cleanName, Secrets.sha256(secret), tokenRole, by.userId(), now, expiresAt);
            audit.record(by, "token.created", "token", newId,
                    expiresAt == null ? Map.of("name", cleanName, "role", tokenRole.name())
                            : Map.of("name", cleanName, "role", tokenRole.name(), "expiresAt", expiresAt.toString()));
            return newId;
        });
        log.info("API token {} created by user {}", id, by.userId());
        return new CreatedToken(credentials.token(id).orElseThrow(), secret);
    }

    public Optional<ApiToken> get(long id) {
        return credentials.token(id);
    }

    public List<ApiToken> list() {
        return credentials.tokens();
    }

    /** Revokes a token; revoking one already revoked changes nothing. */
    public ApiToken revoke(Actor by, long id) {
        credentials.token(id).orElseThrow(() -> new NotFoundException("No API token with id " + id + "."));
        database.inTransaction(() -> {
            if (credentials.revokeToken(id, clock.instant())) {
                audit.record(by, "token.revoked", "token", id, Map.of());
                log.info("API token {} revoked by user {}", id, by.userId());
            }
            return null;
        });
        return credentials.token(id).orElseThrow();
    }
}
