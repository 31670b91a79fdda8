package org.ffmas.crm.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs what campaigns mail out (unsubscribe tokens, bounce tags) with the install's key,
 * HMAC-SHA256, so that such tokens can be neither guessed nor forged.
 */
final class MailSigner {

    private static final Logger log = LoggerFactory.getLogger(MailSigner.class);
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final byte[] key;
    // Mac.getInstance looks the provider up each time: one per thread, reused
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    MailSigner(byte[] key) {
        this.key = key.clone();
    }

    /**
     * The install's key: {@code mail.secret} when set, else the one in the database, made on the
     * first start (from the {@code <data>/mail-secret} file of older versions when there is one,
     * so that links already mailed keep working). In the database, every node shares it.
     */
    static MailSigner load(String configured, MailSecretRepository secrets, Path dataDir, Instant now) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return new MailSigner(configured.getBytes(StandardCharsets.UTF_8));
        }
        var stored = secrets.find();
        if (stored.isPresent()) {
            return new MailSigner(stored.get());
        }
        Path legacy = dataDir.resolve("mail-secret");
        byte[] candidate;
        if (Files.exists(legacy)) {
            candidate = Base64.getDecoder().decode(Files.readString(legacy).strip());
        } else {
            candidate = new byte[32];
            new SecureRandom().nextBytes(candidate);
        }
        // another node starting at the same moment may store its own first: then that one is the key
        if (secrets.insertIfAbsent(candidate, now)) {
            log.info("the mail signing key is now kept in the database{}", Files.exists(legacy) ? " (taken from " + legacy
                    + ", which is no longer read)" : "");
        }
        return new MailSigner(secrets.find().orElseThrow(() -> new IllegalStateException("the mail signing key was not stored")));
    }

    /** The first {@code bytes} bytes of the HMAC of {@code message}. */
    byte[] sign(String message, int bytes) {
        return Arrays.copyOf(macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8)), bytes);
    }

    /** {@code bytes} in lower-case base32 (RFC 4648, unpadded): letters and digits only, so that a change of case harms nothing. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
