package org.ffmas.crm.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The failed logins of one username or one address, as stored in {@code login_attempt}, and the
 * rules that move it on: counted within a window, locked once there are enough, each new lock
 * twice as long as the one before until a day passes without a failure.
 *
 * @param key SHA-256 of {@code user:<normalised name>} or {@code address:<ip>}
 * @param failures attempts let through to a password check in the window (a right password takes its own back)
 * @param lockouts locks in a row, for the next one's length
 */
record AttemptCount(String key, String kind, int failures, Instant windowStart, Instant lockedUntil, int lockouts,
                    Instant lastFailureAt) {

    /** How long the lockouts are remembered for the doubling: a day without a failure starts again at the shortest. */
    static final Duration ESCALATION_MEMORY = Duration.ofDays(1);
    static final Duration LONGEST_LOCK = Duration.ofDays(1);

    static AttemptCount none(String key, String kind) {
        return new AttemptCount(key, kind, 0, null, null, 0, null);
    }

    /** As of {@code now}: a lock or a window that has run out is forgotten, and the lockouts after a quiet day. */
    AttemptCount asOf(Instant now, Duration window) {
        int f = failures;
        Instant start = windowStart;
        Instant until = lockedUntil;
        if (until != null && !until.isAfter(now)) {
            f = 0;
            start = null;
            until = null;
        }
        if (start != null && !start.plus(window).isAfter(now)) {
            f = 0;
            start = null;
        }
        int locks = lastFailureAt != null && !lastFailureAt.plus(ESCALATION_MEMORY).isAfter(now) ? 0 : lockouts;
        return new AttemptCount(key, kind, f, start, until, locks, lastFailureAt);
    }

    Optional<Duration> lockedFor(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now) ? Optional.of(Duration.between(now, lockedUntil)) : Optional.empty();
    }

    /** One more attempt let through; the one that reaches {@code lockAfter} locks for {@code firstLock}, doubled per lock before. */
    AttemptCount counted(Instant now, Duration window, int lockAfter, Duration firstLock) {
        int f = failures + 1;
        Instant until = lockedUntil;
        int locks = lockouts;
        if (f >= lockAfter) {
            until = now.plus(lockLength(firstLock, lockouts));
            locks++;
        }
        return new AttemptCount(key, kind, f, windowStart == null ? now : windowStart, until, locks, now);
    }

    /** The attempt was a right password after all: it is not a failure, and a lock it set is lifted. */
    AttemptCount refunded(boolean lockedByIt) {
        return new AttemptCount(key, kind, Math.max(0, failures - 1), windowStart, lockedByIt ? null : lockedUntil,
                lockedByIt ? Math.max(0, lockouts - 1) : lockouts, lastFailureAt);
    }

    static Duration lockLength(Duration first, int locksBefore) {
        Duration d = first;
        for (int i = 0; i < locksBefore && d.compareTo(LONGEST_LOCK) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : d;
    }
}
