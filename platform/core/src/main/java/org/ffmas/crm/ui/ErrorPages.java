package org.ffmas.crm.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.web.Problem;
import org.ffmas.crm.web.UiPage;

/**
 * Staff pages answer a refusal or a failure with a page, not with the API's problem+json: a
 * stale form, a role that may not do this, a conflict, a missing record. Forms that can show
 * their errors beside the fields do so themselves; this catches everything else. Callers with
 * an {@code Authorization} header (programs) keep the problem+json.
 */
public final class ErrorPages implements ContainerResponseFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    private final Views views;

    @Context
    private ResourceInfo resource;

    public ErrorPages(Views views) {
        this.views = views;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        MediaType media = response.getMediaType();
        // a program calling with a token keeps the machine-readable problem; a browser gets a page
        if (type == null || !type.isAnnotationPresent(UiPage.class) || response.getStatus() < 400 || media == null
                || !PROBLEM.isCompatible(media) || request.getHeaderString("Authorization") != null) {
            return;
        }
        JsonNode problem = JSON.valueToTree(response.getEntity());
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText() + " : " + e.path("message").asText()));
        Response page = views.errorPage(request, response.getStatus(), problem.path("detail").asText(""), fields);
        response.setEntity(page.getEntity(), null, MediaType.valueOf(MediaType.TEXT_HTML + ";charset=UTF-8"));
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
