package org.ffmas.crm.campaign;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.ffmas.crm.api.access.PublicRoute;

/**
 * {@code /u/{token}}: the unsubscribe link of every campaign message. GET shows a confirmation
 * page; POST unsubscribes at once (the form's button, and mail providers' one-click button,
 * RFC 8058). No login: the signed token is the proof.
 */
@Path("/u")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class UnsubscribeResource {

    private final CampaignService campaigns;

    public UnsubscribeResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GET
    @Path("{token}")
    @PublicRoute
    public Response confirm(@PathParam("token") String token) {
        OptionalLong delivery = campaigns.verify(token);
        if (delivery.isEmpty()) {
            return invalid();
        }
        if (delivery.getAsLong() == 0) {
            return page(200, "Message de test", "<p>Ce lien vient d'un message de test : il ne désinscrit personne.</p>");
        }
        return page(200, "Se désinscrire",
                "<p>Vous ne recevrez plus les campagnes de la FFMAS à cette adresse.</p>"
                        + "<form method=\"post\" action=\"/u/" + token + "\"><button type=\"submit\">Me désinscrire</button></form>"
                        + "<p lang=\"en\" class=\"en\">Unsubscribe from the FFMAS's mailings: press the button above.</p>");
    }

    @POST
    @Path("{token}")
    @PublicRoute
    public Response unsubscribe(@PathParam("token") String token) {
        OptionalLong delivery = campaigns.verify(token);
        if (delivery.isEmpty()) {
            return invalid();
        }
        if (delivery.getAsLong() > 0) {
            campaigns.unsubscribe(delivery.getAsLong(), "link");
        }
        return page(200, "Désinscription enregistrée",
                "<p>C'est fait : vous ne recevrez plus les campagnes de la FFMAS à cette adresse.</p>"
                        + "<p lang=\"en\" class=\"en\">Done: you will receive no more mailings from the FFMAS at this address.</p>");
    }

    private static Response invalid() {
        return page(404, "Lien invalide", "<p>Ce lien de désinscription n'est pas valide. Écrivez-nous à contact@ffmas.org.</p>");
    }

    private static Response page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + " — FFMAS</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}"
                + "h1{font-size:1.4rem;color:#0b3d6e}button{font-size:1rem;padding:.6rem 1.2rem;background:#0b3d6e;color:#fff;"
                + "border:0;border-radius:4px;cursor:pointer}button:focus{outline:3px solid #f2a900;outline-offset:2px}"
                + ".en{color:#444;font-size:.9rem}</style></head><body><h1>" + title + "</h1>" + body + "</body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML + ";charset=UTF-8").entity(html).build();
    }
}
