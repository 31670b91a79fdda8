package org.ffmas.crm.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the API (a malformed request line, headers
 * too large...) are problem+json too, without Jetty's HTML page or any stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        String detail = status >= 500 ? "The request could not be completed." : "The request could not be processed.";
        write(json, response, status, detail, callback);
        return true;
    }

    /** Answers a problem+json of this status, with the security headers, straight from Jetty. */
    static void write(ObjectMapper json, Response response, int status, String detail, Callback callback) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Problem.of(status, detail));
        } catch (JsonProcessingException e) {
            body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        SecurityHeaders.addTo(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
