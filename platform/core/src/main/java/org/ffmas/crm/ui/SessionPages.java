package org.ffmas.crm.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.access.PublicRoute;
import org.ffmas.crm.common.TooManyRequestsException;
import org.ffmas.crm.common.UnauthenticatedException;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.security.AuthResource;
import org.ffmas.crm.security.AuthService;
import org.ffmas.crm.security.LoginFormToken;

/** The login form, logging out, the language switch and the pages' assets. */
@Path("/")
public final class SessionPages {

    private final AuthService auth;
    private final Views views;

    public SessionPages(AuthService auth, Views views) {
        this.auth = auth;
        this.views = views;
    }

    @GET
    @Path("login")
    @PublicRoute
    public Response loginForm(@QueryParam("next") String next, @Context ContainerRequestContext request) {
        Map<String, Object> model = new HashMap<>();
        model.put("next", safe(next));
        return form(request, 200, model);
    }

    /** The form with its CSRF token, the same as the browser has or a new one. */
    private Response form(ContainerRequestContext request, int status, Map<String, Object> model) {
        String token = LoginFormToken.reuseOrCreate(cookie(request));
        model.put("csrf", token);
        return Response.fromResponse(views.publicPage(request, status, "login", views.text(request, "login_title"), model))
                .cookie(LoginFormToken.cookie(token, request.getSecurityContext().isSecure())).build();
    }

    private static String cookie(ContainerRequestContext request) {
        Cookie c = request.getCookies().get(LoginFormToken.COOKIE);
        return c == null ? null : c.getValue();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PublicRoute
    public Response login(@FormParam("username") String username, @FormParam("password") String password, @FormParam("next") String next,
                          @FormParam(LoginFormToken.FIELD) String csrf, @Context ContainerRequestContext request) {
        if (!LoginFormToken.matches(cookie(request), csrf)) {
            // posted from elsewhere (login CSRF) or from a form older than the browser's cookie: no attempt is made
            return views.errorPage(request, 403, views.text(request, "login_csrf"), List.of());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("next", safe(next));
        model.put("username", username == null ? "" : username);
        try {
            AuthService.Login login = auth.login(username == null ? "" : username, password == null ? "" : password, AccessFilter.address(request));
            return Response.seeOther(URI.create(safe(next))).cookie(AuthResource.sessionCookies(login, request.getSecurityContext().isSecure()))
                    .build();
        } catch (UnauthenticatedException e) {
            model.put("error", views.text(request, "login_wrong"));
            return form(request, 401, model);
        } catch (TooManyRequestsException e) {
            model.put("error", views.text(request, "login_busy"));
            return Response.fromResponse(form(request, 429, model)).header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
    }

    /** The language switch: remembered in a cookie, back to where the user was. */
    @GET
    @Path("lang/{lang}")
    @PublicRoute
    public Response language(@PathParam("lang") String lang, @QueryParam("back") String back) {
        String chosen = "en".equals(lang) ? "en" : "fr";
        return Response.seeOther(URI.create(safe(back)))
                .cookie(new NewCookie.Builder(Views.LANG_COOKIE).value(chosen).path("/").maxAge(365 * 86_400).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    @GET
    @Path("assets/{name: [a-z0-9-]+\\.(css|js)}")
    @PublicRoute
    public Response asset(@PathParam("name") String name) {
        InputStream in = SessionPages.class.getResourceAsStream("/ui/assets/" + name);
        if (in == null) {
            return Response.status(404).build();
        }
        return Response.ok(in, name.endsWith(".css") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8")
                .header("Cache-Control", "max-age=3600").build();
    }

    /** Only a path of this site: never an address elsewhere (an open redirect). */
    static String safe(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
