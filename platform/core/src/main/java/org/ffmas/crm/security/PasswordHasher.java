package org.ffmas.crm.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, parallelism 1), stored in
 * the PHC string format so that stronger parameters later still verify older hashes.
 */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    /** A hash of a password nobody has: checked when the user is unknown, so both take the same time. */
    private final String decoy = hash("decoy-" + System.nanoTime());

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of a real check, for a user that does not exist. */
    public void checkDecoy(String password) {
        matches(password, decoy);
    }
}
