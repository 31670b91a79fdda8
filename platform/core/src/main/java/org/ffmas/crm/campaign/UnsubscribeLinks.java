package org.ffmas.crm.campaign;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Unsubscribe tokens: a delivery's id signed with HMAC-SHA256, so that links cannot be guessed
 * nor forged, and need no login. Delivery 0 stands for test messages.
 */
final class UnsubscribeLinks {

    private final MailSigner signer;
    private final String publicUrl;

    UnsubscribeLinks(MailSigner signer, String publicUrl) {
        this.signer = signer;
        this.publicUrl = publicUrl;
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
        return signer.sign("unsubscribe:" + deliveryId, 20);
    }
}
