package org.ffmas.crm.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unsubscribe tokens: a delivery's id signed with HMAC-SHA256, so that links cannot be guessed
 * nor forged, and need no login. Delivery 0 stands for test messages.
 */
final class UnsubscribeLinks {

    private final byte[] key;
    private final String publicUrl;
    // Mac.getInstance looks the provider up each time: one per thread, reused
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    UnsubscribeLinks(byte[] key, String publicUrl) {
        this.key = key.clone();
        this.publicUrl = publicUrl;
    }

    /** The configured secret, else one generated once and kept in {@code <data>/mail-secret}. */
    static byte[] secret(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("mail-secret");
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).strip());
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path tmp = Files.createTempFile(dataDir, "mail-secret", ".tmp");
        Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return fresh;
    }

    String token(long deliveryId) {
        return deliveryId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(deliveryId));
    }

    String url(long deliveryId) {
        return url(token(deliveryId));
    }

    String url(String token) {
        return publicUrl + "/u/" + token;
    }

    /** The delivery a token names, if its signature is right. */
    OptionalLong verify(String token) {
        if (token == null || !token.matches("\\d{1,18}\\.[A-Za-z0-9_-]{20,60}")) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        long id = Long.parseLong(token.substring(0, dot));
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        return MessageDigest.isEqual(given, sign(id)) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private byte[] sign(long deliveryId) {
        return Arrays.copyOf(macs.get().doFinal(("unsubscribe:" + deliveryId).getBytes(StandardCharsets.UTF_8)), 20);
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
