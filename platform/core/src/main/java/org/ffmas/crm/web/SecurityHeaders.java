package org.ffmas.crm.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers every answer carries, API and UI alike, errors included, so that a browser runs no
 * script but ours, never frames the platform, never guesses a content type and sends no
 * address of ours to other sites.
 */
final class SecurityHeaders extends Handler.Wrapper {

    /**
     * The staff pages load one script and one style sheet of ours; style attributes (the
     * dashboard's bars) need 'unsafe-inline' for styles only; a campaign's preview shows its
     * images from anywhere over https, in a sandboxed frame.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    SecurityHeaders(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addTo(response.getHeaders());
        return super.handle(request, response, callback);
    }

    /** Also called by the error handler, whose answers may have had their headers cleared. */
    static void addTo(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
    }
}
