package org.ffmas.crm.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.security.TokenService;
import org.ffmas.crm.security.UserService;
import org.ffmas.crm.web.UiPage;

/** Staff accounts and API tokens (admins). */
@Path("/users")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class UserPages {

    private final Views views;
    private final UserService users;
    private final TokenService tokens;

    public UserPages(Views views, UserService users, TokenService tokens) {
        this.views = views;
        this.users = users;
        this.tokens = tokens;
    }

    @GET
    @Allowed(Role.ADMIN)
    public Response list(@Context ContainerRequestContext request) {
        return page(request, 200, Map.of("role", "STAFF"), Map.of(), null, null);
    }

    private Response page(ContainerRequestContext request, int status, Map<String, String> values, Map<String, String> errors, String secret,
                          String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("users", users.list(1, 500).items().stream().map(u -> Map.of("id", u.id(), "username", u.username(),
                "displayName", u.displayName() == null ? "" : u.displayName(), "email", u.email() == null ? "" : u.email(),
                "role", u.role().name(), "active", u.active(), "roles", roles(u.role().name()))).toList());
        m.put("tokens", tokens.list().stream().map(t -> Map.of("id", t.id(), "name", t.name(), "role", t.role().name(),
                "lastUsed", t.lastUsedAt().map(Object::toString).orElse(""), "revoked", t.revokedAt().isPresent())).toList());
        m.put("v", values);
        m.put("errors", errors);
        m.put("roles", roles(values.get("role")));
        m.put("tokenRoles", roles(values.getOrDefault("tokenRole", "STAFF")));
        m.put("secret", secret);
        m.put("error", error);
        return views.page(request, status, "users", views.text(request, "nav_users"), m);
    }

    /** The roles for a menu, {@code selected} chosen. */
    private static List<Map<String, Object>> roles(String selected) {
        return List.of("ADMIN", "STAFF", "READ_ONLY").stream().map(r -> Map.<String, Object>of("value", r, "selected", r.equals(selected)))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.ADMIN)
    public Response create(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            users.create(AccessFilter.actor(request), new UserService.NewUser(form.getFirst("username"), form.getFirst("displayName"),
                    form.getFirst("email"), form.getFirst("role"), form.getFirst("password")));
            return Response.seeOther(URI.create("/users")).build();
        } catch (InvalidInputException e) {
            Map<String, String> values = Forms.values(form);
            values.remove("password");
            return page(request, 422, values, Views.errors(e.errors()), null, null);
        }
    }

    /** Role change, or deactivation/reactivation. */
    @POST
    @Path("{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.ADMIN)
    public Response change(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            long version = users.get(id).version();
            String active = form.getFirst("active");
            users.update(AccessFilter.actor(request), id, new UserService.UserChange(version, null, null, form.getFirst("role"),
                    active == null ? null : Boolean.valueOf(active)));
            return Response.seeOther(URI.create("/users")).build();
        } catch (ConflictException | InvalidInputException e) {
            return page(request, 409, Map.of("role", "STAFF"), Map.of(), null, e.getMessage());
        }
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.ADMIN)
    public Response createToken(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        try {
            TokenService.CreatedToken t = tokens.create(AccessFilter.actor(request), form.getFirst("name"), form.getFirst("tokenRole"), null);
            // the secret is shown this once
            return page(request, 201, Map.of("role", "STAFF"), Map.of(), t.secret(), null);
        } catch (InvalidInputException e) {
            Map<String, String> typed = new HashMap<>(Map.of("role", "STAFF"));
            typed.put("tokenName", form.getFirst("name") == null ? "" : form.getFirst("name"));
            typed.put("tokenRole", form.getFirst("tokenRole") == null ? "STAFF" : form.getFirst("tokenRole"));
            return page(request, 422, typed, Views.errors(e.errors()), null, null);
        }
    }

    @POST
    @Path("tokens/{id: \\d+}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.ADMIN)
    public Response revoke(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        tokens.revoke(AccessFilter.actor(request), id);
        return Response.seeOther(URI.create("/users")).build();
    }
}
