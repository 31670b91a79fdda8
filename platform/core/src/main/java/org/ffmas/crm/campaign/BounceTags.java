package org.ffmas.crm.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The tag in each delivery's Message-ID ({@code <campaign.C.delivery.D.TAG@domain>}): an HMAC of
 * the campaign and delivery ids, which a bounce report must quote back to count. Without it,
 * anyone knowing the id pattern could mail a report that suppresses any contact.
 */
final class BounceTags {

    /** 16 bytes of HMAC, 26 base32 characters. */
    static final int LENGTH = 26;
    private static final int BYTES = 16;

    private final MailSigner signer;

    BounceTags(MailSigner signer) {
        this.signer = signer;
    }

    String tag(long campaignId, long deliveryId) {
        return MailSigner.base32(signer.sign("bounce:" + campaignId + "." + deliveryId, BYTES));
    }

    /** Whether {@code tag} is the one delivery {@code deliveryId} of campaign {@code campaignId} was sent with. */
    boolean verify(long campaignId, long deliveryId, String tag) {
        return tag != null && MessageDigest.isEqual(tag(campaignId, deliveryId).getBytes(StandardCharsets.US_ASCII),
                tag.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
