package org.ffmas.crm.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.TooManyRequestsException;
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
    private final AuditService audit;
    private final Clock clock;
    private final Duration sessionLength;

    public AuthService(UserRepository users, CredentialRepository credentials, PasswordHasher hasher, AuthSettings settings,
                       AuditService audit, Clock clock) {
        this.users = users;
        this.credentials = credentials;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(settings);
        this.audit = audit;
        this.clock = clock;
        this.sessionLength = Duration.ofHours(settings.sessionHours());
    }

    /**
     * Checks a username and password. An unknown user, an inactive one and a wrong password all
     * fail the same way and take the same time (a password hash is checked in every case).
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
        Instant now = clock.instant();
        Optional<Duration> locked = throttle.lockedFor(name, address, now);
        if (locked.isPresent()) {
            audit.record(Actor.anonymous(address), "auth.login.refused", "user", null, Map.of("username", name));
            throw new TooManyRequestsException("Too many failed logins; try again later.", locked.get());
        }
        Optional<UserRepository.Stored> stored = users.findByUsername(name);
        boolean passwordOk;
        if (stored.isPresent()) {
            passwordOk = hasher.matches(password, stored.get().passwordHash());
        } else {
            hasher.checkDecoy(password);
            passwordOk = false;
        }
        if (!passwordOk || !stored.get().user().active()) {
            fail(name, address, now, stored.map(UserRepository.Stored::user),
                    stored.isEmpty() ? "unknown user" : passwordOk ? "inactive user" : "wrong password");
        }
        StaffUser user = stored.get().user();
        throttle.recordSuccess(name);
        String token = Secrets.random(32);
        String csrf = Secrets.random(24);
        Instant expiresAt = now.plus(sessionLength);
        long sessionId = credentials.createSession(Secrets.sha256(token), csrf, user.id(), address, now, expiresAt);
        audit.record(new Actor(user.id(), user.username(), user.role(), Actor.Via.SESSION, address), "auth.login.success", "session", sessionId, Map.of());
        log.info("user {} logged in (session {})", user.id(), sessionId);
        return new Login(token, csrf, expiresAt, user);
    }

    private void fail(String username, String address, Instant now, Optional<StaffUser> user, String reason) {
        LoginThrottle.Outcome outcome = throttle.recordFailure(username, address, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("username", username);
        details.put("reason", reason);
        audit.record(user.map(u -> new Actor(u.id(), u.username(), u.role(), Actor.Via.SESSION, address)).orElse(Actor.anonymous(address)), "auth.login.failure", "user",
                user.map(StaffUser::id).orElse(null), details);
        if (outcome.lockedNow()) {
            log.warn("logins locked for user {} / address {} after repeated failures", user.map(StaffUser::id).orElse(null), address);
        }
        sleep(outcome.delay());
        throw new UnauthenticatedException("Wrong username or password.");
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

    /** A bearer secret: an API token ({@code crm_...}) or a login session's token. */
    public Optional<Caller> fromBearer(String secret) {
        if (secret.startsWith(API_TOKEN_PREFIX)) {
            Instant now = clock.instant();
            return credentials.findLiveToken(Secrets.sha256(secret), now).map(t -> {
                credentials.touchToken(t.id(), now);
                return new Caller(t.createdBy(), "token:" + t.name(), t.role(), Optional.empty(), Optional.of(t.id()), Optional.empty());
            });
        }
        return fromSession(secret);
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
