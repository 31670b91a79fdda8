package org.ffmas.crm.api.http;

import java.io.IOException;

/**
 * The platform's HTTP client for plugins, guarded against server-side request forgery.
 *
 * <p>What it refuses, with a {@link RefusedDestinationException} and before anything is sent:
 * <ul>
 *   <li>loopback ({@code 127.0.0.0/8}, {@code ::1}), unspecified ({@code 0.0.0.0}, {@code ::}),
 *       link-local ({@code 169.254.0.0/16}, {@code fe80::/10}), private ({@code 10.0.0.0/8},
 *       {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, {@code fc00::/7}), shared ({@code 100.64.0.0/10}),
 *       multicast and reserved addresses, also when written inside an IPv6 address (IPv4-mapped,
 *       NAT64, 6to4);</li>
 *   <li>cloud metadata endpoints ({@code 169.254.169.254}, {@code fd00:ec2::254},
 *       {@code metadata.google.internal}).</li>
 * </ul>
 * The check is made on the address each connection is actually opened to, after DNS resolution:
 * a name that resolves to a private address is refused, and a name whose DNS answer changes
 * between two look-ups cannot slip through. Redirects are never followed: a 3xx is returned as it
 * is, with its {@code Location} header. No proxy is used.
 *
 * <p>The platform's administrators may allow destinations with the {@code http.outboundAllowlist}
 * setting (host names, IP addresses or CIDR blocks), e.g. an ERP on the local network. A metadata
 * endpoint is only allowed when its own address or name is listed, never through a wider block.
 *
 * <p>The answer's body is read into memory, up to {@link #MAX_ANSWER_BYTES}. Plugins should never put
 * an answer's body into an exception message or a log line: name the status and its reason
 * ({@link OutboundResponse#statusLine()}) instead, as the body is whatever the other side chose to say.
 *
 * <p>Thread-safe: one instance serves every thread of the plugin.
 */
public interface OutboundHttp {

    /** The largest answer body read (16 MiB); a longer one fails the call with an {@link IOException}. */
    int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    /**
     * Sends one request and reads its answer, whatever its status.
     *
     * @throws RefusedDestinationException when the destination is refused (nothing was sent)
     * @throws IOException when the connection fails, times out or the answer is too long
     */
    OutboundResponse send(OutboundRequest request) throws IOException;
}
