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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.imports.ImportRoutes;
import org.ffmas.crm.imports.ImportRun;
import org.ffmas.crm.imports.ImportService;
import org.ffmas.crm.plugin.PluginHost;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.sync.SyncService;
import org.ffmas.crm.web.UiPage;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/** Imports (upload, progress, result), sync runs and conflicts, plugins (state, start, stop). */
@Path("/")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class AdminPages {

    private final Views views;
    private final ImportService imports;
    private final ProducerTemplate producer;
    private final SyncService sync;
    private final PluginHost plugins;

    public AdminPages(Views views, ImportService imports, ProducerTemplate producer, SyncService sync, PluginHost plugins) {
        this.views = views;
        this.imports = imports;
        this.producer = producer;
        this.sync = sync;
        this.plugins = plugins;
    }

    @GET
    @Path("imports")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response imports(@Context ContainerRequestContext request) {
        return views.page(request, 200, "imports", views.text(request, "nav_imports"), Map.of("imports", imports.recent()));
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response upload(@FormDataParam("csrf") String csrf, @FormDataParam("entity") String entity, @FormDataParam("file") InputStream file,
                           @FormDataParam("file") FormDataContentDisposition disposition, @Context ContainerRequestContext request)
            throws IOException {
        Views.checkCsrf(request, csrf);
        try {
            ImportService.checkEntity(entity);
            if (file == null || disposition == null || disposition.getFileName() == null || disposition.getFileName().isBlank()) {
                throw new InvalidInputException("file", views.text(request, "import_noFile"));
            }
            long id = imports.receive(AccessFilter.actor(request), entity, disposition.getFileName(), file, false);
            producer.sendBodyAndHeaders(ImportRoutes.UPLOADS, null, Map.of("importId", id, "entity", entity));
            return Response.seeOther(URI.create("/imports/" + id)).build();
        } catch (InvalidInputException e) {
            Map<String, Object> m = new HashMap<>();
            m.put("imports", imports.recent());
            m.put("errors", Views.errors(e.errors()));
            return views.page(request, 422, "imports", views.text(request, "nav_imports"), m);
        }
    }

    @GET
    @Path("imports/{id: \\d+}")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response importRun(@PathParam("id") long id, @Context ContainerRequestContext request) {
        ImportRun run = imports.get(id);
        boolean working = run.status().equals("QUEUED") || run.status().equals("RUNNING");
        return views.page(request, 200, "imports-show", run.fileName(), Map.of("run", run, "working", working,
                "done", run.status().equals("DONE"), "failed", run.status().equals("FAILED"), "hasRejected", run.rejected() > 0));
    }

    @GET
    @Path("sync")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response sync(@Context ContainerRequestContext request) {
        return views.page(request, 200, "sync", views.text(request, "nav_sync"), Map.of("connectors", sync.connectors(),
                "runs", sync.runs(null, null, 50), "conflicts", sync.conflicts(null, true, 100)));
    }

    @POST
    @Path("sync/conflicts/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF})
    public Response resolve(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        sync.resolve(AccessFilter.actor(request), id, form.getFirst("keep"));
        return Response.seeOther(URI.create("/sync")).build();
    }

    @GET
    @Path("plugins")
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response plugins(@Context ContainerRequestContext request) {
        return pluginsPage(request, 200, Map.of());
    }

    private Response pluginsPage(ContainerRequestContext request, int status, Map<String, String> errors) {
        return views.page(request, status, "plugins", views.text(request, "nav_plugins"), Map.of("plugins", plugins.list().stream()
                .map(p -> Map.of("plugin", p, "started", p.state().equals("STARTED"), "failed", p.state().equals("FAILED"))).toList(),
                "errors", errors));
    }

    @GET
    @Path("plugins/{id}")
    @Allowed(Role.ADMIN)
    public Response pluginSettings(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return settingsPage(request, 200, id, Map.of(), Map.of(), null);
    }

    /** The settings form: the stored values, or those just typed when a save was refused ({@code typed}). */
    private Response settingsPage(ContainerRequestContext request, int status, String id, Map<String, String> typed,
                                  Map<String, String> errors, String message) {
        Map<String, Object> shown = new HashMap<>(plugins.settingsOf(id));
        shown.putAll(typed);
        List<Map<String, Object>> fields = plugins.specs(id).stream().map(spec -> Map.<String, Object>of("key", spec.key(),
                "description", spec.description(), "secret", spec.secret(), "required", spec.required(),
                "value", spec.secret() ? "" : String.valueOf(shown.getOrDefault(spec.key(), "") == null ? "" : shown.getOrDefault(spec.key(), "")),
                "error", errors.getOrDefault(spec.key(), ""), "invalid", errors.containsKey(spec.key()))).toList();
        Map<String, Object> m = new HashMap<>();
        m.put("plugin", plugins.info(id));
        m.put("fields", fields);
        m.put("message", message);
        return views.page(request, status, "plugins-settings", id, m);
    }

    @POST
    @Path("plugins/{id}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.ADMIN)
    public Response saveSettings(@PathParam("id") String id, MultivaluedMap<String, String> form, @Context ContainerRequestContext request)
            throws IOException {
        Views.checkCsrf(request, form.getFirst("csrf"));
        Map<String, String> changes = new HashMap<>();
        for (var spec : plugins.specs(id)) {
            String value = form.getFirst(spec.key());
            // a secret left empty stays as it is
            if (value != null && !(spec.secret() && value.isEmpty())) {
                changes.put(spec.key(), value);
            }
        }
        try {
            List<String> cleared = plugins.changeSettings(id, changes);
            String saved = views.text(request, "plugin_saved");
            return settingsPage(request, 200, id, Map.of(), Map.of(),
                    cleared.isEmpty() ? saved : saved + " " + views.text(request, "plugin_secretsCleared") + " " + String.join(", ", cleared));
        } catch (InvalidInputException e) {
            return settingsPage(request, 422, id, changes, Views.errors(e.errors()), null);
        }
    }

    @POST
    @Path("plugins")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Allowed(Role.ADMIN)
    public Response uploadPlugin(@FormDataParam("csrf") String csrf, @FormDataParam("file") InputStream file,
                                 @FormDataParam("file") FormDataContentDisposition disposition, @Context ContainerRequestContext request)
            throws IOException {
        Views.checkCsrf(request, csrf);
        if (file == null || disposition == null || disposition.getFileName() == null || disposition.getFileName().isBlank()) {
            return pluginsPage(request, 422, Map.of("file", views.text(request, "plugin_noFile")));
        }
        plugins.upload(file, disposition.getFileName());
        return Response.seeOther(URI.create("/plugins")).build();
    }

    @POST
    @Path("plugins/{id}/{action: start|stop}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.ADMIN)
    public Response plugin(@PathParam("id") String id, @PathParam("action") String action, MultivaluedMap<String, String> form,
                           @Context ContainerRequestContext request) {
        Views.checkCsrf(request, form.getFirst("csrf"));
        if (action.equals("start")) {
            plugins.startPlugin(id);
        } else {
            plugins.stopPlugin(id);
        }
        return Response.seeOther(URI.create("/plugins")).build();
    }
}
