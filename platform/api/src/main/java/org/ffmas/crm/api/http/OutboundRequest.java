package org.ffmas.crm.api.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request for {@link OutboundHttp}, built with {@link #get}, {@link #post}, {@link #put}
 * and the {@code with...} methods, each of which returns a changed copy:
 * <pre>{@code
 * OutboundRequest.get(URI.create(base + "/search?q=" + siren))
 *         .withHeader("Accept", "application/json")
 *         .withTimeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code DELETE}...
 * @param uri an absolute http or https URL
 * @param headers header names and values, in order
 * @param body the body to send; empty for none
 * @param timeout how long the connection and then the answer may each take
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    /** The timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + uri.getScheme() + "://" + uri.getHost());
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        body = body == null ? new byte[0] : body.clone();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri, Map.of(), null, null);
    }

    /** A POST of this text, UTF-8, with this {@code Content-Type}. */
    public static OutboundRequest post(URI uri, String contentType, String body) {
        return new OutboundRequest("POST", uri, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A PUT of this text, UTF-8, with this {@code Content-Type}. */
    public static OutboundRequest put(URI uri, String contentType, String body) {
        return new OutboundRequest("PUT", uri, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** This request with one more header (or this header's value replaced). */
    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundRequest(method, uri, more, body, timeout);
    }

    public OutboundRequest withTimeout(Duration value) {
        return new OutboundRequest(method, uri, headers, body, value);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The method and the URL without its query, which may carry personal data: for log lines. */
    @Override
    public String toString() {
        return method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
