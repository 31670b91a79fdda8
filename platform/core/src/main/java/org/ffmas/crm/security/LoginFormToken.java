package org.ffmas.crm.security;

import jakarta.ws.rs.core.NewCookie;
import java.util.regex.Pattern;

/**
 * The CSRF token of the login form, before there is a session to hold one: a random value set in
 * a cookie with the form and sent back in its hidden field; a login whose field is not the
 * cookie's value was not posted from our form (double submit). Another site can make a browser
 * post a form, but cannot read or set our cookie, so it cannot log the browser in to an account
 * of its choosing. Nothing is kept on the server: any node checks it.
 */
public final class LoginFormToken {

    public static final String COOKIE = "crm_login_csrf";
    public static final String FIELD = "csrf";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{32}");

    private LoginFormToken() {}

    /** The token the browser has, if well formed, else a new one. */
    public static String reuseOrCreate(String fromCookie) {
        return fromCookie != null && WELL_FORMED.matcher(fromCookie).matches() ? fromCookie : Secrets.random(24);
    }

    /** Whether the form's field carries the cookie's token. */
    public static boolean matches(String fromCookie, String fromField) {
        return fromCookie != null && WELL_FORMED.matcher(fromCookie).matches() && Secrets.constantTimeEquals(fromCookie, fromField);
    }

    /** Sent to the login form only, never readable by scripts, never sent along by another site's request. */
    public static NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/login").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
