package org.ffmas.crm.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.api.SettingSpec;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;

/**
 * {@code /api/plugins}: the plugins admin (ADMIN only), and the API of started plugins under
 * {@code /api/plugins/<id>/<segment>} (roles as each plugin route declares them).
 */
@Path("/api/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginResource {

    /**
     * A plugin's settings: their declarations and their values (secrets masked); after a change,
     * the secrets it cleared because an endpoint changed, and a notice saying so.
     */
    public record Settings(List<SettingSpec> specs, Map<String, Object> values,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> clearedSecrets,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String notice) {}

    private final PluginHost host;
    private final PluginApi api;

    public PluginResource(PluginHost host, PluginApi api) {
        this.host = host;
        this.api = api;
    }

    @GET
    @Allowed(Role.ADMIN)
    public Map<String, List<PluginInfo>> list() {
        return Map.of("items", host.list());
    }

    /** Uploads a plugin jar or zip as the body, named by {@code ?fileName=}. */
    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/java-archive", "application/zip"})
    @Allowed(Role.ADMIN)
    public Response upload(InputStream body, @QueryParam("fileName") String fileName) throws IOException {
        PluginInfo info = host.upload(body, fileName);
        return Response.status(Response.Status.CREATED).entity(info).build();
    }

    @GET
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    public PluginInfo get(@PathParam("id") String id) {
        return host.info(id);
    }

    @DELETE
    @Path("/{id}")
    @Allowed(Role.ADMIN)
    public Response delete(@PathParam("id") String id) throws IOException {
        host.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/start")
    @Allowed(Role.ADMIN)
    public PluginInfo start(@PathParam("id") String id) {
        return host.startPlugin(id);
    }

    @POST
    @Path("/{id}/stop")
    @Allowed(Role.ADMIN)
    public PluginInfo stop(@PathParam("id") String id) {
        return host.stopPlugin(id);
    }

    @POST
    @Path("/{id}/enable")
    @Allowed(Role.ADMIN)
    public PluginInfo enable(@PathParam("id") String id) {
        return host.enable(id);
    }

    @POST
    @Path("/{id}/disable")
    @Allowed(Role.ADMIN)
    public PluginInfo disable(@PathParam("id") String id) {
        return host.disable(id);
    }

    @GET
    @Path("/{id}/settings")
    @Allowed(Role.ADMIN)
    public Settings settings(@PathParam("id") String id) {
        return new Settings(host.specs(id), host.settingsOf(id), List.of(), null);
    }

    /** {@code {"key": "value", "other": null}}: sets (or, with null, resets) setting values. */
    @PUT
    @Path("/{id}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public Settings changeSettings(@PathParam("id") String id, Map<String, Object> values) throws IOException {
        if (values == null) {
            throw new InvalidInputException("body", "must be a JSON object of setting values");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((k, v) -> texts.put(k, v == null ? null : String.valueOf(v)));
        List<String> cleared = host.changeSettings(id, texts);
        return new Settings(host.specs(id), host.settingsOf(id), cleared, cleared.isEmpty() ? null
                : "The address changed, so the secret settings " + String.join(", ", cleared) + " were cleared: set them again for the new address.");
    }

    /** The API of a started plugin: Jersey matches the rest of the path on the resource returned. */
    @Path("/{id}/{segment}")
    public Object pluginApi(@PathParam("id") String id, @PathParam("segment") String segment) {
        return api.find(id, segment).orElseThrow(() -> new NotFoundException("No resource at /api/plugins/" + id + "/" + segment + "."));
    }
}
