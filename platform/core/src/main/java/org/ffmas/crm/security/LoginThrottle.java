package org.ffmas.crm.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.ffmas.crm.common.AddressRange;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.ffmas.crm.storage.Database;
import org.jooq.exception.DataAccessException;

/**
 * Counts failed logins per normalised username and per client address, in the database (every
 * node sees the same counts, a restart forgives nobody). An attempt is counted when it is let
 * through to the password check, atomically with the check of the lock: however many arrive at
 * once, no more than {@code auth.lockout.after} reach a password check, and the one that reaches
 * it locks the username (or address) for {@code auth.lockout.minutes}, twice as long at each
 * lock in a row. Past {@code auth.slowdown.after} failures each wrong answer is also delayed.
 */
final class LoginThrottle {

    private static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    private static final int DEADLOCK_RETRIES = 3;

    /**
     * What the throttle made of an attempt: refused (a lock runs), or let through with the
     * failures it now counts and the keys its count locked.
     */
    record Admission(String userKey, String addressKey, Optional<Duration> refusedFor, int failures, Set<String> lockedByIt) {
        boolean refused() {
            return refusedFor.isPresent();
        }
    }

    private final Database database;
    private final LoginAttemptRepository attempts;
    private final AuthSettings settings;
    private final Duration window;
    /** When this node last removed stale rows: only spares the others the work, nothing depends on it. */
    private volatile Instant cleanedAt = Instant.EPOCH;

    LoginThrottle(Database database, LoginAttemptRepository attempts, AuthSettings settings) {
        this.database = database;
        this.attempts = attempts;
        this.settings = settings;
        this.window = Duration.ofMinutes(settings.lockoutMinutes());
    }

    /**
     * The name failures are counted under: case-folded, without accents, NFKC, so that
     * {@code Admin}, {@code admín} and {@code ＡＤＭＩＮ} count as {@code admin}.
     */
    static String normalise(String username) {
        String s = Normalizer.normalize(username == null ? "" : username, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
        // upper then lower folds the characters that lower-casing alone leaves apart (ß and SS, ς and σ)
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * The address failures are counted under: an IPv6 client by its /64, the block one subscriber
     * usually has to itself (counting each of its 2^64 addresses apart would count nothing).
     */
    static String countedAddress(String address) {
        if (address == null) {
            return "";
        }
        try {
            byte[] bytes = AddressRange.address(address).getAddress();
            if (bytes.length == 16) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return address;
        }
    }

    /** Lets the attempt through to a password check, counting it, or refuses it while a lock runs. */
    Admission admit(String username, String address, Instant now) {
        AttemptCount user = AttemptCount.none(Secrets.sha256("user:" + normalise(username)), "user");
        AttemptCount from = AttemptCount.none(Secrets.sha256("address:" + countedAddress(address)), "address");
        cleanUpNowAndThen(now);
        attempts.ensure(List.of(user, from));
        return retryingDeadlocks(() -> database.inTransaction(() -> {
            Map<String, AttemptCount> current = locked(List.of(user, from), now);
            Duration refused = Duration.ZERO;
            for (AttemptCount c : current.values()) {
                Duration left = c.lockedFor(now).orElse(Duration.ZERO);
                refused = left.compareTo(refused) > 0 ? left : refused;
            }
            if (!refused.isZero()) {
                return new Admission(user.key(), from.key(), Optional.of(refused), 0, Set.of());
            }
            int worst = 0;
            Set<String> lockedByIt = new HashSet<>();
            for (AttemptCount c : current.values()) {
                AttemptCount next = c.counted(now, window, settings.lockoutAfter(), window);
                attempts.save(next);
                worst = Math.max(worst, next.failures());
                if (next.lockedUntil() != null) {
                    lockedByIt.add(next.key());
                }
            }
            return new Admission(user.key(), from.key(), Optional.empty(), worst, Set.copyOf(lockedByIt));
        }));
    }

    /** How long the answer to this failed attempt waits: a second per failure past the slow-down threshold, at most five. */
    Duration delayAfterFailure(Admission a) {
        int beyond = a.failures() - settings.slowdownAfter();
        return beyond <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(beyond, MAX_DELAY.toSeconds()));
    }

    /**
     * A right password: the username's failures are forgotten; the address only takes this
     * attempt back (one valid account must not hide a guesser of others from the same address).
     */
    void succeeded(Admission a, Instant now) {
        retryingDeadlocks(() -> database.inTransaction(() -> {
            AttemptCount from = locked(List.of(AttemptCount.none(a.addressKey(), "address")), now).get(a.addressKey());
            attempts.save(from.refunded(a.lockedByIt().contains(a.addressKey())));
            attempts.delete(a.userKey());
            return null;
        }));
    }

    /** The rows of these counts, locked for the transaction, as of now (a missing one as none). */
    private Map<String, AttemptCount> locked(List<AttemptCount> wanted, Instant now) {
        Map<String, AttemptCount> byKey = new HashMap<>();
        for (AttemptCount c : attempts.lock(wanted.stream().map(AttemptCount::key).toList())) {
            byKey.put(c.key(), c.asOf(now, window));
        }
        Map<String, AttemptCount> result = new LinkedHashMap<>();
        for (AttemptCount w : wanted) {
            result.put(w.key(), byKey.getOrDefault(w.key(), w));
        }
        return result;
    }

    private void cleanUpNowAndThen(Instant now) {
        if (cleanedAt.plus(CLEANUP_EVERY).isBefore(now)) {
            cleanedAt = now;
            attempts.deleteStale(now.minus(AttemptCount.ESCALATION_MEMORY), now);
        }
    }

    /** A deadlock between two logins (rare: a row removed by the clean-up meanwhile) is tried again, not answered 5xx. */
    private static <T> T retryingDeadlocks(Supplier<T> work) {
        List<DataAccessException> seen = new ArrayList<>();
        while (true) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (!"40001".equals(e.sqlState()) || seen.size() >= DEADLOCK_RETRIES) {
                    seen.forEach(e::addSuppressed);
                    throw e;
                }
                seen.add(e);
            }
        }
    }
}
