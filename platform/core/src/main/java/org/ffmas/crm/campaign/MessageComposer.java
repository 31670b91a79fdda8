package org.ffmas.crm.campaign;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ffmas.crm.api.model.OutgoingMail;

/** Renders a campaign's message for one recipient: its templates, unsubscribe link and bulk mail headers. */
final class MessageComposer {

    private final UnsubscribeLinks links;
    private final BounceTags bounceTags;
    private final Map<Long, Rendering> renderings = new ConcurrentHashMap<>();

    MessageComposer(UnsubscribeLinks links, BounceTags bounceTags) {
        this.links = links;
        this.bounceTags = bounceTags;
    }

    /** A campaign's templates, compiled once per version. */
    private record Rendering(long version, Templates.Compiled subject, Templates.Compiled html, Templates.Compiled text, boolean htmlHasLink,
                             boolean textHasLink) {}

    /**
     * The message of campaign {@code c} to {@code r} for delivery {@code deliveryId}; a test or a
     * preview (delivery 0) is told apart in its Message-ID by {@code idPart}.
     */
    OutgoingMail compose(Campaign c, Recipient r, long deliveryId, String idPart) {
        // one compiled rendering per campaign, replaced when the campaign changes (each status change bumps its version)
        Rendering t = renderings.get(c.id());
        if (t == null || t.version() != c.version()) {
            String textTemplate = c.textTemplate() != null ? c.textTemplate() : HtmlText.of(c.htmlTemplate());
            t = new Rendering(c.version(), Templates.compile(c.subject(), false), Templates.compile(c.htmlTemplate(), true),
                    Templates.compile(textTemplate, false), c.htmlTemplate().contains("{{unsubscribeUrl}}"),
                    textTemplate.contains("{{unsubscribeUrl}}"));
            renderings.put(c.id(), t); // two senders compiling it at once is harmless: both get the same
        }
        String token = links.token(deliveryId);
        String url = links.url(token);
        Map<String, Object> contact = new HashMap<>();
        contact.put("civility", r.civility() == null ? null : r.civility().equals("MME") ? "Madame" : "Monsieur");
        contact.put("firstName", r.firstName());
        contact.put("lastName", r.lastName());
        contact.put("email", r.email());
        contact.put("jobTitle", r.jobTitle());
        Map<String, Object> company = new HashMap<>();
        company.put("name", r.companyName());
        company.put("city", r.companyCity());
        Map<String, Object> scope = Map.of("contact", contact, "company", company, "campaign", Map.of("name", c.name()), "unsubscribeUrl", url);
        String html = t.html().render(scope);
        String text = t.text().render(scope);
        if (!t.htmlHasLink()) {
            html = html + "\n<p style=\"font-size:12px;color:#555\">Vous recevez ce message en tant que contact de la FFMAS. "
                    + "<a href=\"" + url + "\">Se désinscrire</a></p>";
        }
        if (!t.textHasLink()) {
            text = text + "\n--\nSe désinscrire : " + url + "\n";
        }
        String domain = c.fromAddress().substring(c.fromAddress().indexOf('@') + 1);
        // a delivery's id carries its bounce tag: a bounce report counts only if it quotes it back
        String messageId = "<campaign." + c.id() + "." + (deliveryId > 0 ? "delivery." + deliveryId + "." + bounceTags.tag(c.id(), deliveryId)
                : idPart) + "@" + domain + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + url + ">, <mailto:" + c.fromAddress() + "?subject=unsubscribe-" + token + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Precedence", "bulk");
        headers.put("X-CRM-Campaign", String.valueOf(c.id()));
        return new OutgoingMail(messageId, c.fromAddress(), c.fromName(), c.replyTo(), r.email(), t.subject().render(scope).strip(), html,
                text, headers);
    }
}
