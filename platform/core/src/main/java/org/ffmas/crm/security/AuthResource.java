package org.ffmas.crm.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.PublicRoute;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;

/**
 * {@code /api/auth}: log in (the only API route open to everyone), log out, who am I. The login
 * reads JSON only: a cross-site HTML form cannot send that type, so it cannot log a victim's
 * browser in to the attacker's account (the UI's login form has its own CSRF token).
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    public record Credentials(String username, String password) {}

    public record LoginAnswer(String token, String csrfToken, Instant expiresAt, StaffUser user) {}

    /**
     * {@code /me} for an API token: the token and the role it acts with (its own, or its
     * creator's when that is now lower), not its creator's account.
     */
    public record TokenCaller(String via, Role role, TokenInfo token, long createdBy) {}

    public record TokenInfo(long id, String name, Role role, Optional<Instant> expiresAt) {}

    private final AuthService auth;
    private final UserService users;
    private final TokenService tokens;

    public AuthResource(AuthService auth, UserService users, TokenService tokens) {
        this.auth = auth;
        this.users = users;
        this.tokens = tokens;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public Response login(Credentials credentials, @Context ContainerRequestContext request) {
        if (credentials == null) {
            throw new InvalidInputException("username", "is required");
        }
        AuthService.Login login = auth.login(credentials.username(), credentials.password(), AccessFilter.address(request));
        return Response.ok(new LoginAnswer(login.token(), login.csrfToken(), login.expiresAt(), login.user()))
                .cookie(sessionCookies(login, request.getSecurityContext().isSecure())).header("Cache-Control", "no-store").build();
    }

    /** The session cookie (HttpOnly) and the CSRF cookie (readable by the UI's scripts, which echo it in X-CSRF-Token). */
    public static NewCookie[] sessionCookies(AuthService.Login login, boolean secure) {
        int maxAge = (int) Math.max(0, Duration.between(Instant.now(), login.expiresAt()).toSeconds());
        NewCookie session = new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value(login.token()).path("/")
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
        NewCookie csrf = new NewCookie.Builder(AccessFilter.CSRF_COOKIE).value(login.csrfToken()).path("/")
                .httpOnly(false).secure(secure).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
        return new NewCookie[] {session, csrf};
    }

    @POST
    @Path("/logout")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response logout(@Context ContainerRequestContext request) {
        auth.logout(AccessFilter.caller(request), AccessFilter.address(request));
        NewCookie expired = new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value("").path("/").maxAge(0).httpOnly(true).build();
        NewCookie expiredCsrf = new NewCookie.Builder(AccessFilter.CSRF_COOKIE).value("").path("/").maxAge(0).build();
        return Response.noContent().cookie(expired, expiredCsrf).build();
    }

    @GET
    @Path("/me")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Object me(@Context ContainerRequestContext request) {
        Caller caller = AccessFilter.caller(request);
        if (caller.tokenId().isPresent()) {
            ApiToken t = tokens.get(caller.tokenId().get()).orElseThrow();
            return new TokenCaller("TOKEN", caller.role(), new TokenInfo(t.id(), t.name(), t.role(), t.expiresAt()), t.createdBy());
        }
        return users.get(caller.userId());
    }
}
