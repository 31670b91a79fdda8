package org.ffmas.crm.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.UnauthenticatedException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logins, logouts, and turning a presented secret (session or API token) into a {@link Caller}. */
public final class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    /** API tokens start with this, so that a bearer secret says which kind it is. */
    static final String API_TOKEN_PREFIX = "crm_";

    /** A successful login; {@code token} is shown to the client once and stored only hashed. */
    public record Login(String token, String csrfToken, Instant expiresAt, StaffUser user) {}

    private final UserRepository users;
    private final CredentialRepository credentials;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LoginSlots slots;
    private final AuditService audit;
    private final Clock clock;
    private final Duration sessionLength;

    public AuthService(UserRepository users, CredentialRepository credentials, PasswordHasher hasher, LoginThrottle throttle,
                       AuthSettings settings, AuditService audit, Clock clock) {
        this.users = users;
        this.credentials = credentials;
        this.hasher = hasher;
        this.throttle = throttle;
        this.slots = new LoginSlots(settings.loginConcurrency());
        this.audit = audit;
        this.clock = clock;
        this.sessionLength = Duration.ofHours(settings.sessionHours());
    }

    /**
     * Checks a username and password. An unknown user, an inactive one, a wrong password and a
     * locked username or address all fail the same way (the same 401, the same words): a lock
     * tells nothing about whether the account exists, as unknown names are locked too. Only a
     * node with all its login slots busy answers otherwise (429, whoever the user).
     */
    public Login login(String username, String password, String address) {
        Validation v = new Validation();
        String name = v.text("username", username, 50);
        if (password == null || password.isEmpty()) {
            v.error("password", "is required");
        } else if (password.length() > PasswordPolicy.MAX_LENGTH) {
            v.error("password", "must have at most " + PasswordPolicy.MAX_LENGTH + " characters");
        }
        v.throwIfAny();
        Duration delay;
        try (LoginSlots.Slot slot = slots.enter()) {
            Instant now = clock.instant();
            // usernames are lower-case ASCII: the spellings counted as one name are the ones that log in to it, and only
            // those (one the database's collation alone takes for it, with a zero-width character say, is no one's)
            String countedAs = LoginThrottle.normalise(name);
            Optional<UserRepository.Stored> stored = users.findByUsername(countedAs).filter(s -> s.user().username().equals(countedAs));
            LoginThrottle.Admission admission = throttle.admit(countedAs, address, now);
            if (admission.refused()) {
                audit.record(Actor.anonymous(address), "auth.login.refused", "user", null, Map.of("username", name, "reason", "locked"));
                throw wrongCredentials();
            }
            boolean passwordOk;
            if (stored.isPresent()) {
                passwordOk = hasher.matches(password, stored.get().passwordHash());
            } else {
                hasher.checkDecoy(password);
                passwordOk = false;
            }
            if (passwordOk && stored.get().user().active()) {
                throttle.succeeded(admission, now);
                return newSession(stored.get().user(), address, now);
            }
            fail(name, address, admission, stored.map(UserRepository.Stored::user),
                    stored.isEmpty() ? "unknown user" : passwordOk ? "inactive user" : "wrong password");
            delay = throttle.delayAfterFailure(admission);
        }
        // waited out of the slot: a slowed guesser must not keep others from logging in
        sleep(delay);
        throw wrongCredentials();
    }

    private Login newSession(StaffUser user, String address, Instant now) {
        String token = Secrets.random(32);
        String csrf = Secrets.random(24);
        Instant expiresAt = now.plus(sessionLength);
        long sessionId = credentials.createSession(Secrets.sha256(token), csrf, user.id(), address, now, expiresAt);
        audit.record(new Actor(user.id(), user.username(), user.role(), Actor.Via.SESSION, address), "auth.login.success", "session", sessionId, Map.of());
        log.info("user {} logged in (session {})", user.id(), sessionId);
        return new Login(token, csrf, expiresAt, user);
    }

    private static UnauthenticatedException wrongCredentials() {
        return new UnauthenticatedException("Wrong username or password.");
    }

    private void fail(String username, String address, LoginThrottle.Admission admission, Optional<StaffUser> user, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("username", username);
        details.put("reason", reason);
        audit.record(user.map(u -> new Actor(u.id(), u.username(), u.role(), Actor.Via.SESSION, address)).orElse(Actor.anonymous(address)), "auth.login.failure", "user",
                user.map(StaffUser::id).orElse(null), details);
        if (!admission.lockedByIt().isEmpty()) {
            log.warn("logins locked for the {} of user {} / address {} after repeated failures",
                    admission.lockedByIt().size() == 2 ? "username and address" : admission.lockedByIt().contains(admission.userKey()) ? "username" : "address",
                    user.map(StaffUser::id).orElse(null), address);
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A bearer secret: an API token ({@code crm_...}) or a login session's token. A token acts
     * with its own role, lowered to its creator's when the creator's role is now lower; its
     * first use is audited.
     */
    public Optional<Caller> fromBearer(String secret, String address) {
        if (secret.startsWith(API_TOKEN_PREFIX)) {
            Instant now = clock.instant();
            return credentials.findLiveToken(Secrets.sha256(secret), now).map(t -> {
                Caller caller = new Caller(t.createdBy(), "token:" + t.name(), weaker(t.role(), t.creatorRole()), Optional.empty(),
                        Optional.of(t.id()), Optional.empty());
                if (credentials.touchToken(t, now)) {
                    audit.record(caller.actor(address), "token.first_used", "token", t.id(), Map.of("role", caller.role().name()));
                    log.info("API token {} used for the first time", t.id());
                }
                return caller;
            });
        }
        return fromSession(secret);
    }

    /** Roles are declared from the most to the least powerful. */
    static Role weaker(Role a, Role b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** A login session's token, from the Authorization header or the session cookie. */
    public Optional<Caller> fromSession(String token) {
        return credentials.findLiveSession(Secrets.sha256(token), clock.instant())
                .map(s -> new Caller(s.userId(), s.username(), s.role(), Optional.of(s.id()), Optional.empty(), Optional.of(s.csrfToken())));
    }

    /** Ends the caller's login session. API tokens are revoked through the tokens API instead. */
    public void logout(Caller caller, String address) {
        long sessionId = caller.sessionId().orElseThrow(() ->
                new InvalidInputException("authorization", "an API token is not logged out; revoke it through /api/tokens"));
        credentials.endSession(sessionId, clock.instant());
        audit.record(caller.actor(address), "auth.logout", "session", sessionId, Map.of());
        log.info("user {} logged out (session {})", caller.userId(), sessionId);
    }

    /** Whether a CSRF token sent with a cookie-authenticated request is the session's. */
    public static boolean csrfMatches(Caller caller, String presented) {
        return caller.csrfToken().map(expected -> Secrets.constantTimeEquals(expected, presented)).orElse(false);
    }
}
