package org.ffmas.crm.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.web.Paging;

/** {@code /api/users}: staff accounts, for admins; everyone may change their own password. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {

    public record PasswordChange(String currentPassword, String newPassword) {}

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    @Allowed(Role.ADMIN)
    public Page<StaffUser> list(@QueryParam("page") @DefaultValue("1") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Paging p = Paging.of(page, size);
        return users.list(p.page(), p.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public Response create(UserService.NewUser input, @Context ContainerRequestContext request, @Context UriInfo uri) {
        if (input == null) {
            throw new InvalidInputException("username", "is required");
        }
        StaffUser user = users.create(AccessFilter.actor(request), input);
        return Response.created(URI.create("/" + uri.getPath() + "/" + user.id())).entity(user).build();
    }

    @GET
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    public StaffUser get(@PathParam("id") long id) {
        return users.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public StaffUser update(@PathParam("id") long id, UserService.UserChange change, @Context ContainerRequestContext request) {
        if (change == null) {
            throw new InvalidInputException("version", "is required");
        }
        return users.update(AccessFilter.actor(request), id, change);
    }

    /** An admin resets anyone's; any user changes their own (with the current password). */
    @POST
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response changePassword(@PathParam("id") long id, PasswordChange change, @Context ContainerRequestContext request) {
        if (change == null) {
            throw new InvalidInputException("newPassword", "is required");
        }
        users.changePassword(AccessFilter.actor(request), id, change.currentPassword(), change.newPassword());
        return Response.noContent().build();
    }
}
