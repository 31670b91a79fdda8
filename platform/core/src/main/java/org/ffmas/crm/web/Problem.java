package org.ffmas.crm.web;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ffmas.crm.common.FieldError;

/**
 * An RFC 9457 problem detail, the body of every error the API returns.
 *
 * @param errors for invalid input, one entry per field at fault
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Problem withType(String newType) {
        return new Problem(newType, title, status, detail, instance, errors);
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
