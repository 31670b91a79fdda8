package org.ffmas.crm.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;

/**
 * Counts failed logins per username and per address within a window: past a first threshold
 * each answer is delayed, past a second the key is locked out for a while. Kept in memory: one
 * platform process serves all logins, and a restart forgiving everyone is acceptable.
 */
final class LoginThrottle {

    private static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final int PRUNE_ABOVE = 10_000;

    private record Failures(int count, Instant firstAt, Instant lockedUntil) {}

    /** What a failure led to. */
    record Outcome(Duration delay, boolean lockedNow) {}

    private final AuthSettings settings;
    private final Duration window;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(AuthSettings settings) {
        this.settings = settings;
        this.window = Duration.ofMinutes(settings.lockoutMinutes());
    }

    /** How long the username or the address stays locked, if either is. */
    Optional<Duration> lockedFor(String username, String address, Instant now) {
        Duration longest = Duration.ZERO;
        for (String key : keys(username, address)) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    Outcome recordFailure(String username, String address, Instant now) {
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(f -> f.firstAt().plus(window).isBefore(now)
                    && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)));
        }
        int worst = 0;
        boolean lockedNow = false;
        for (String key : keys(username, address)) {
            Failures f = failures.compute(key, (k, old) -> {
                Failures current = old == null || old.firstAt().plus(window).isBefore(now) ? new Failures(0, now, null) : old;
                int count = current.count() + 1;
                Instant lockedUntil = count >= settings.lockoutAfter() ? now.plus(window) : current.lockedUntil();
                return new Failures(count, current.firstAt(), lockedUntil);
            });
            worst = Math.max(worst, f.count());
            lockedNow |= f.count() == settings.lockoutAfter();
        }
        int beyond = worst - settings.slowdownAfter();
        Duration delay = beyond <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(beyond, MAX_DELAY.toSeconds()));
        return new Outcome(delay, lockedNow);
    }

    /** A correct password clears the username's count; the address's stays, or one valid account would hide a guesser. */
    void recordSuccess(String username) {
        failures.remove(userKey(username));
    }

    private static String[] keys(String username, String address) {
        return new String[] {userKey(username), "address:" + address};
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }
}
