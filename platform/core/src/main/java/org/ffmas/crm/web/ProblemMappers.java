package org.ffmas.crm.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.UUID;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.FieldError;
import org.ffmas.crm.common.ForbiddenException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.TooManyRequestsException;
import org.ffmas.crm.common.UnauthenticatedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every exception into a problem+json response; no stack trace ever reaches a client. */
public final class ProblemMappers {

    private static final Logger log = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    /** Errors JAX-RS raises itself (404, 405, 415...) and those resources throw on purpose. */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String detail = switch (status) {
                case 404 -> "No resource at /" + uri.getPath(true) + ".";
                case 405 -> "This method is not allowed on /" + uri.getPath(true) + ".";
                case 406 -> "This resource cannot answer in the requested media type.";
                case 415 -> "This media type is not accepted here; send application/json.";
                default -> status >= 500 ? "The request could not be completed." : e.getMessage();
            };
            if (status >= 500) {
                log.error("request to {} failed with {}", uri.getPath(true), status, e);
            }
            Problem problem = Problem.of(status, detail).withInstance("/" + uri.getPath(true));
            Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
            // keep the headers the exception carries, such as Allow on a 405
            e.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
    }

    /** Malformed JSON or a body that does not fit: 400, naming the field when there is one. */
    public static final class JsonInput implements ExceptionMapper<JsonProcessingException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(JsonProcessingException e) {
            if (!(e instanceof JsonParseException)
                    && !(e instanceof MismatchedInputException)) {
                // not the client's input: a type we cannot (de)serialise is our bug
                return new Unexpected(uri).toResponse(e);
            }
            if (e instanceof UnrecognizedPropertyException unknown) {
                String field = unknown.getPropertyName();
                return new Problem("about:blank", "Bad Request", 400, "The request has a field this resource does not know.",
                        null, List.of(new FieldError(field, "unknown field"))).toResponse();
            }
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
                return new Problem("about:blank", "Bad Request", 400, "The request body does not have the expected shape.",
                        null, List.of(new FieldError(field, "invalid value"))).toResponse();
            }
            return Problem.of(400, "The request body is not valid JSON: " + e.getOriginalMessage()).toResponse();
        }
    }

    /** What services refuse: invalid input, missing things, conflicts, forbidden moves, throttling. */
    public static final class Refusals implements ExceptionMapper<RuntimeException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                return new Problem("about:blank", "Bad Request", 400, "The request has invalid fields.", null, invalid.errors()).toResponse();
            }
            if (e instanceof NotFoundException) {
                return Problem.of(404, e.getMessage()).toResponse();
            }
            if (e instanceof ConflictException conflict) {
                Problem p = Problem.of(409, e.getMessage());
                return Response.status(409).type(Problem.MEDIA_TYPE)
                        .entity(conflict.currentVersion() == null ? p : new VersionConflict(p, conflict.currentVersion())).build();
            }
            if (e instanceof DuplicateException dup) {
                return Response.status(409).type(Problem.MEDIA_TYPE)
                        .entity(new Duplicate(Problem.of(409, e.getMessage()), dup.existingType(), dup.existingId())).build();
            }
            if (e instanceof MergedException merged) {
                return Response.status(404).type(Problem.MEDIA_TYPE)
                        .entity(new Merged(Problem.of(404, e.getMessage()), merged.mergedInto())).build();
            }
            if (e instanceof ForbiddenException) {
                return Problem.of(403, e.getMessage()).toResponse();
            }
            if (e instanceof UnauthenticatedException) {
                return Response.fromResponse(Problem.of(401, e.getMessage()).toResponse())
                        .header("WWW-Authenticate", "Bearer realm=\"crm\"").build();
            }
            if (e instanceof TooManyRequestsException tooMany) {
                return Response.fromResponse(Problem.of(429, e.getMessage()).toResponse())
                        .header("Retry-After", Math.max(1, tooMany.retryAfter().toSeconds())).build();
            }
            return new Unexpected(uri).toResponse(e);
        }
    }

    /** A 409 for a stale version, telling the client the current one. */
    public record VersionConflict(String type, String title, int status, String detail, long currentVersion) {
        VersionConflict(Problem p, long currentVersion) {
            this(p.type(), p.title(), p.status(), p.detail(), currentVersion);
        }
    }

    /** A 409 naming the existing record a creation would duplicate. */
    public record Duplicate(String type, String title, int status, String detail, String existingType, long existingId) {
        Duplicate(Problem p, String existingType, long existingId) {
            this(p.type(), p.title(), p.status(), p.detail(), existingType, existingId);
        }
    }

    /** A 404 for a record merged into another, naming it. */
    public record Merged(String type, String title, int status, String detail, long mergedInto) {
        Merged(Problem p, long mergedInto) {
            this(p.type(), p.title(), p.status(), p.detail(), mergedInto);
        }
    }

    /** Anything else is our fault: logged with an incident id the client can quote. */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        private UriInfo uri;

        public Unexpected() {}

        Unexpected(UriInfo uri) {
            this.uri = uri;
        }

        @Override
        public Response toResponse(Throwable e) {
            if (TransientTrouble.databaseUnavailable(e)) {
                log.warn("database unavailable on {}: {}", uri.getPath(true), TransientTrouble.firstLine(e));
                return Response.fromResponse(Problem.of(503, "The database is unavailable for now; try again in a few seconds.").toResponse())
                        .header("Retry-After", TransientTrouble.RETRY_AFTER_SECONDS).build();
            }
            if (TransientTrouble.bodyTooLarge(e)) {
                return Problem.of(413, "The request body is larger than this server accepts.").toResponse();
            }
            String incident = UUID.randomUUID().toString();
            log.error("unexpected error on {} (incident {})", uri.getPath(true), incident, e);
            return Problem.of(500, "An unexpected error occurred; quote incident " + incident + " to an administrator.")
                    .withInstance("urn:uuid:" + incident).toResponse();
        }
    }
}
