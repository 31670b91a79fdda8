package org.ffmas.crm.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;

/** {@code /api/tokens}: API tokens for integrations, admins only. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
public final class TokenResource {

    public record NewToken(String name, String role, Instant expiresAt) {}

    /** The created token with its secret: the only time the secret is shown. */
    public record CreatedToken(ApiToken token, String secret) {}

    private final TokenService tokens;

    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewToken input, @Context ContainerRequestContext request, @Context UriInfo uri) {
        if (input == null) {
            throw new InvalidInputException("name", "is required");
        }
        TokenService.CreatedToken created = tokens.create(AccessFilter.actor(request), input.name(), input.role(),
                input.expiresAt());
        return Response.created(URI.create("/" + uri.getPath() + "/" + created.token().id()))
                .entity(new CreatedToken(created.token(), created.secret())).header("Cache-Control", "no-store").build();
    }

    @GET
    public Map<String, List<ApiToken>> list() {
        return Map.of("items", tokens.list());
    }

    @DELETE
    @Path("/{id}")
    public ApiToken revoke(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return tokens.revoke(AccessFilter.actor(request), id);
    }
}
