package org.ffmas.crm.campaign;

import java.util.List;
import java.util.Locale;
import org.ffmas.crm.common.Validation;

/** A campaign's editable fields, as sent to create or change one, checked together. */
final class CampaignDraft {

    String name;
    String subject;
    String fromName;
    String fromAddress;
    String replyTo;
    String htmlTemplate;
    String textTemplate;
    Segment segment;

    static CampaignDraft of(Campaign c) {
        CampaignDraft d = new CampaignDraft();
        d.name = c.name();
        d.subject = c.subject();
        d.fromName = c.fromName();
        d.fromAddress = c.fromAddress();
        d.replyTo = c.replyTo();
        d.htmlTemplate = c.htmlTemplate();
        d.textTemplate = c.textTemplate();
        d.segment = c.segment();
        return d;
    }

    /** Sets every field {@code c} sends; absent ones stay as they are. */
    void apply(CampaignFields c) {
        name = c.name().over(name);
        subject = c.subject().over(subject);
        fromName = c.fromName().over(fromName);
        fromAddress = c.fromAddress().over(fromAddress);
        replyTo = c.replyTo().over(replyTo);
        htmlTemplate = c.htmlTemplate().over(htmlTemplate);
        textTemplate = c.textTemplate().over(textTemplate);
        segment = c.segment().over(segment);
    }

    /** Checks every field; the sender's address must be at one of {@code allowedFromDomains} (lower case). */
    void validate(Validation v, List<String> allowedFromDomains) {
        name = v.text("name", name, 200);
        subject = oneLine(v, "subject", v.text("subject", subject, 300));
        fromName = oneLine(v, "fromName", v.text("fromName", fromName, 100));
        fromAddress = v.email("fromAddress", fromAddress);
        if (fromAddress != null && !fromDomainAllowed(fromAddress, allowedFromDomains)) {
            // mail from a domain the federation does not send for would be spoofing someone else
            v.error("fromAddress", "must be an address at " + String.join(" or ", allowedFromDomains)
                    + " (the domains of mail.allowedFromDomains)");
        }
        replyTo = replyTo == null || replyTo.isBlank() ? null : v.email("replyTo", replyTo);
        if (htmlTemplate == null || htmlTemplate.isBlank()) {
            v.error("htmlTemplate", "is required");
        } else if (htmlTemplate.length() > 1_000_000) {
            v.error("htmlTemplate", "is longer than 1,000,000 characters");
        }
        if (textTemplate != null && textTemplate.isBlank()) {
            textTemplate = null;
        }
        Templates.check(v, "subject", subject);
        Templates.check(v, "htmlTemplate", htmlTemplate);
        Templates.check(v, "textTemplate", textTemplate);
        if (segment == null && !v.has("segment")) {
            v.error("segment", "is required: a JSON object such as {\"companyStatus\": [\"PARTNER\"]}");
        }
    }

    /** Whether {@code address}'s domain is one of {@code allowed} exactly (a subdomain is another domain). */
    static boolean fromDomainAllowed(String address, List<String> allowed) {
        int at = address.lastIndexOf('@');
        return at > 0 && allowed.contains(address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
    }

    /** A header must hold one line: CR or LF would let a value add headers of its own. */
    private static String oneLine(Validation v, String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            v.error(field, "must be on one line (no line breaks)");
        }
        return value;
    }
}
