package org.ffmas.crm.security;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.PublicRoute;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.web.Problem;
import org.ffmas.crm.web.UiPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides access. Every matched API route needs credentials unless it is a
 * {@link PublicRoute}; the caller's role must be among the route's {@link Allowed} roles (a route
 * that declares none is refused to everyone); a state-changing request authenticated by the
 * session cookie must carry the session's CSRF token in {@value #CSRF_HEADER}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AccessFilter implements ContainerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);

    public static final String SESSION_COOKIE = "crm_session";
    public static final String CSRF_COOKIE = "crm_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Problem type of a 403 because of the caller's role. */
    public static final String ROLE_NOT_ALLOWED = "urn:problem:crm:role-not-allowed";
    /** Problem type of a 403 because of a missing or wrong CSRF token. */
    public static final String CSRF_REFUSED = "urn:problem:crm:csrf";
    static final String CALLER_PROPERTY = "crm.caller";
    static final String ADDRESS_PROPERTY = "crm.address";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuthService auth;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest servletRequest;

    public AccessFilter(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String address = servletRequest.getRemoteAddr();
        request.setProperty(ADDRESS_PROPERTY, address);
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || isPublic(method, type)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        Optional<Caller> caller;
        boolean byCookie = false;
        if (header != null) {
            caller = header.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.fromBearer(header.substring(7).trim(), address) : Optional.empty();
        } else if (cookie != null) {
            caller = auth.fromSession(cookie.getValue());
            byCookie = true;
        } else {
            caller = Optional.empty();
        }
        boolean page = type.isAnnotationPresent(UiPage.class);
        if (caller.isEmpty() && page) {
            // a page: back to the login form, then here
            String next = request.getUriInfo().getRequestUri().getRawPath();
            request.abortWith(Response.seeOther(URI.create("/login?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8))).build());
            return;
        }
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.of(401,
                            header == null && cookie == null ? "This resource needs credentials: log in, or send Authorization: Bearer <token>."
                                    : "The credentials are unknown, expired or revoked.").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"crm\"").build());
            return;
        }
        Set<Role> allowed = allowedRoles(method, type);
        if (allowed.isEmpty()) {
            log.error("route {}.{} declares no roles: refused to everyone", type.getSimpleName(), method.getName());
        }
        if (!allowed.contains(caller.get().role())) {
            request.abortWith(Problem.of(403, "The role " + caller.get().role() + " may not do this.")
                    .withType(ROLE_NOT_ALLOWED).toResponse());
            return;
        }
        // pages' forms carry the CSRF token as a field, which their resource checks (UiPage)
        if (byCookie && !page && !SAFE_METHODS.contains(request.getMethod())
                && !AuthService.csrfMatches(caller.get(), request.getHeaderString(CSRF_HEADER))) {
            request.abortWith(Problem.of(403, "Missing or wrong " + CSRF_HEADER + " header for a request made with the session cookie.")
                    .withType(CSRF_REFUSED).toResponse());
            return;
        }
        request.setProperty(CALLER_PROPERTY, caller.get());
    }

    static boolean isPublic(Method method, Class<?> type) {
        return method.isAnnotationPresent(PublicRoute.class) || type.isAnnotationPresent(PublicRoute.class);
    }

    /** The roles a route allows: its method's {@link Allowed}, else its class's, else none. */
    public static Set<Role> allowedRoles(Method method, Class<?> type) {
        Allowed a = method.getAnnotation(Allowed.class);
        if (a == null) {
            a = type.getAnnotation(Allowed.class);
        }
        return a == null || a.value().length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(a.value()));
    }

    /** The authenticated caller, if the request got that far. */
    public static Optional<Caller> callerIfAny(ContainerRequestContext request) {
        return Optional.ofNullable((Caller) request.getProperty(CALLER_PROPERTY));
    }

    public static Caller caller(ContainerRequestContext request) {
        Caller c = (Caller) request.getProperty(CALLER_PROPERTY);
        if (c == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return c;
    }

    /** The authenticated caller acting from the client's address: what services are given. */
    public static Actor actor(ContainerRequestContext request) {
        return caller(request).actor(address(request));
    }

    /** The client's address. */
    public static String address(ContainerRequestContext request) {
        return (String) request.getProperty(ADDRESS_PROPERTY);
    }
}
