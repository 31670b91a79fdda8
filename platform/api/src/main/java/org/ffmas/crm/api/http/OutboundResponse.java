package org.ffmas.crm.api.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answer to an {@link OutboundRequest}.
 *
 * @param status the HTTP status code
 * @param reason the standard reason phrase of the status ({@code Service Unavailable}), not the one the other side
 *               sent (which is its own text, like the body); empty for a status without one
 * @param headers the answer's headers, names compared without regard to case
 * @param body the answer's body, at most {@link OutboundHttp#MAX_ANSWER_BYTES}
 */
public record OutboundResponse(int status, String reason, Map<String, List<String>> headers, byte[] body) {

    public OutboundResponse {
        reason = reason == null ? "" : reason;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        (headers == null ? Map.<String, List<String>>of() : headers).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The status and its reason ({@code 503 Service Unavailable}): what an error message should
     * say about the answer, rather than its body.
     */
    public String statusLine() {
        return reason.isBlank() ? String.valueOf(status) : status + " " + reason.strip();
    }

    /** The status line only: a body is never printed. */
    @Override
    public String toString() {
        return "OutboundResponse[" + statusLine() + ", " + body.length + " bytes]";
    }
}
