package org.ffmas.crm.security;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.ForbiddenException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.config.Setting;
import org.ffmas.crm.config.SettingException;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Staff accounts: creation, profile and role changes, passwords, and the first admin. */
public final class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,49}$");

    /** A new account as asked for; validated here. */
    public record NewUser(String username, String displayName, String email, String role, String password) {}

    /** A change of profile; absent fields stay as they are. {@code version} is required. */
    public record UserChange(Long version, String displayName, String email, String role, Boolean active) {}

    private final Database database;
    private final UserRepository users;
    private final CredentialRepository credentials;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuditService audit;
    private final Clock clock;

    public UserService(Database database, UserRepository users, CredentialRepository credentials, PasswordHasher hasher,
                       PasswordPolicy policy, AuditService audit, Clock clock) {
        this.database = database;
        this.users = users;
        this.credentials = credentials;
        this.hasher = hasher;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<StaffUser> list(int page, int size) {
        return users.list(page, size);
    }

    public StaffUser get(long id) {
        return users.find(id).orElseThrow(() -> new NotFoundException("No user with id " + id + "."));
    }

    public StaffUser create(Actor by, NewUser input) {
        Validation v = new Validation();
        String username = v.text("username", input.username(), 50);
        if (username != null && !USERNAME.matcher(username).matches()) {
            v.error("username", "must be 3 to 50 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String displayName = v.text("displayName", input.displayName(), 100);
        String email = v.email("email", input.email());
        Role role = role(v, input.role(), true);
        policy.problem(input.password(), username).ifPresent(p -> v.error("password", p));
        v.throwIfAny();
        String hash = hasher.hash(input.password());
        Instant now = clock.instant();
        long id = database.inTransaction(() -> {
            if (users.usernameTaken(username)) {
                throw new InvalidInputException("username", "is already taken");
            }
            long newId = users.insert(username, displayName, email, role, hash, now);
            audit.record(by, "user.created", "user", newId, Map.of("username", username, "role", role.name()));
            return newId;
        });
        log.info("user {} created by user {}", id, by.userId());
        return get(id);
    }

    public StaffUser update(Actor by, long id, UserChange change) {
        Validation v = new Validation();
        if (change.version() == null) {
            v.error("version", "is required");
        }
        String displayName = change.displayName() == null ? null : v.text("displayName", change.displayName(), 100);
        String email = change.email() == null ? null : v.email("email", change.email());
        Role role = change.role() == null ? null : role(v, change.role(), true);
        v.throwIfAny();
        StaffUser updated = database.inTransaction(() -> {
            StaffUser current = get(id);
            if (current.version() != change.version()) {
                throw ConflictException.staleVersion("User " + id, change.version(), current.version());
            }
            Role newRole = role != null ? role : current.role();
            boolean active = change.active() != null ? change.active() : current.active();
            boolean losesAdmin = current.role() == Role.ADMIN && current.active() && (newRole != Role.ADMIN || !active);
            if (losesAdmin && users.countActiveAdmins() <= 1) {
                throw new ConflictException("At least one active ADMIN must remain; make another user ADMIN first.", null);
            }
            Instant now = clock.instant();
            users.update(id, current.version(), displayName != null ? displayName : current.displayName(),
                    email != null ? email : current.email(), newRole, active, now);
            Map<String, Object> changed = new LinkedHashMap<>();
            if (displayName != null && !displayName.equals(current.displayName())) {
                changed.put("displayName", displayName);
            }
            if (email != null && !email.equals(current.email())) {
                changed.put("email", email);
            }
            if (active != current.active()) {
                changed.put("active", active);
            }
            if (newRole != current.role()) {
                audit.record(by, "user.role_changed", "user", id,
                        Map.of("from", current.role().name(), "to", newRole.name()));
            }
            if (!changed.isEmpty()) {
                audit.record(by, "user.updated", "user", id, changed);
            }
            if (newRole != current.role() || !active) {
                // a new role or a deactivation takes effect at once, not at the next login
                credentials.endSessionsOf(id, now);
            }
            return get(id);
        });
        log.info("user {} updated by user {}", id, by.userId());
        return updated;
    }

    /**
     * Sets a password. A user changing their own proves the current one; an admin resetting
     * someone else's does not. Every other session of that user ends.
     */
    public void changePassword(Actor by, long id, String currentPassword, String newPassword) {
        boolean self = by.userId() == id && by.via() == Actor.Via.SESSION;
        if (!self && !by.isAdmin()) {
            throw new ForbiddenException("Only an ADMIN may set another user's password.");
        }
        UserRepository.Stored stored = users.findStored(id).orElseThrow(() -> new NotFoundException("No user with id " + id + "."));
        Validation v = new Validation();
        if (self && (currentPassword == null || !hasher.matches(currentPassword, stored.passwordHash()))) {
            v.error("currentPassword", "is not your current password");
        }
        policy.problem(newPassword, stored.user().username()).ifPresent(p -> v.error("newPassword", p));
        v.throwIfAny();
        String hash = hasher.hash(newPassword);
        database.inTransaction(() -> {
            Instant now = clock.instant();
            users.setPassword(id, hash, now);
            credentials.endSessionsOf(id, now);
            audit.record(by, self ? "user.password_changed" : "user.password_reset", "user", id, Map.of());
            return null;
        });
        log.info("password of user {} {} by user {}", id, self ? "changed" : "reset", by.userId());
    }

    /**
     * On a database with no user at all, creates {@code admin} with the configured password, or a
     * generated one which is returned so that it can be shown once. Later starts change nothing.
     */
    public Optional<String> ensureFirstAdmin(Optional<String> configuredPassword) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        configuredPassword.flatMap(p -> policy.problem(p, "admin")).ifPresent(problem -> {
            throw new SettingException(Setting.ADMIN_PASSWORD, "the password given " + problem);
        });
        String password = configuredPassword.orElseGet(() -> Secrets.random(15));
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        database.inTransaction(() -> {
            if (users.count() > 0) {
                return null;
            }
            long id = users.insert("admin", "Administrator", "admin@ffmas.org", Role.ADMIN, hash, now);
            audit.record(Actor.anonymous(null), "user.created", "user", id, Map.of("username", "admin", "role", "ADMIN", "by", "first start"));
            return null;
        });
        return configuredPassword.isPresent() ? Optional.empty() : Optional.of(password);
    }

    private static Role role(Validation v, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                v.error("role", "is required");
            }
            return null;
        }
        return Role.parse(text).orElseGet(() -> {
            v.error("role", "must be one of " + Role.names());
            return null;
        });
    }
}
