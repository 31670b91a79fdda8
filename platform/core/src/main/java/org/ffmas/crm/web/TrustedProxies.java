package org.ffmas.crm.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.ffmas.crm.common.AddressRange;

/**
 * Believes {@code X-Forwarded-For}, {@code -Proto} and {@code -Host} only from the proxies named
 * in {@code http.trustedProxies}: from anyone else they are a client's claim and ignored, since
 * the client address decides login lockouts and is written in the audit trail.
 *
 * <p>The client is the right-most address of {@code X-Forwarded-For} that is not a trusted proxy:
 * a proxy appends the peer it saw, so everything to the left of that may be forged.
 *
 * <p>When the public address is https, every request counts as https (TLS ends at the proxy), so
 * cookies are always {@code Secure}.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {

    private final List<AddressRange> proxies;
    private final boolean publicHttps;

    TrustedProxies(List<AddressRange> proxies, boolean publicHttps) {
        this.proxies = List.copyOf(proxies);
        this.publicHttps = publicHttps;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        InetAddress peer = address(request.getConnectionMetaData().getRemoteSocketAddress());
        boolean fromProxy = peer != null && trusted(peer);
        InetAddress client = fromProxy ? client(request.getHeaders().getValuesList("X-Forwarded-For"), peer) : peer;
        boolean https = request.isSecure() || publicHttps
                || fromProxy && "https".equals(first(request.getHeaders().get("X-Forwarded-Proto")));
        String host = fromProxy ? first(request.getHeaders().get("X-Forwarded-Host")) : null;
        boolean hostOk = host != null && host.matches("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");
        if (client == null || client.equals(peer) && https == request.isSecure() && !hostOk) {
            return request;
        }
        HttpURI.Mutable uri = HttpURI.build(request.getHttpURI()).scheme(https ? "https" : "http");
        if (hostOk) {
            uri.authority(host);
        }
        return new Forwarded(request, new InetSocketAddress(client, 0), https, uri.asImmutable());
    }

    private boolean trusted(InetAddress address) {
        return proxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Walks the chain from the right, past our proxies, to the first address that is not one. */
    private InetAddress client(List<String> forwardedFor, InetAddress peer) {
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(value -> hops.addAll(List.of(value.split(","))));
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop;
            try {
                hop = AddressRange.address(stripPort(hops.get(i).trim()));
            } catch (IllegalArgumentException e) {
                return client; // a malformed hop: what lies beyond it cannot be trusted
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim().toLowerCase(Locale.ROOT);
    }

    private static InetAddress address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** The request as the client sent it to the proxy: its address, scheme and host. */
    private static final class Forwarded extends Request.Wrapper {
        private final ConnectionMetaData connection;
        private final HttpURI uri;

        Forwarded(Request request, InetSocketAddress client, boolean https, HttpURI uri) {
            super(request);
            this.uri = uri;
            this.connection = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
                @Override
                public SocketAddress getRemoteSocketAddress() {
                    return client;
                }

                @Override
                public boolean isSecure() {
                    return https;
                }
            };
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return connection;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public boolean isSecure() {
            return connection.isSecure();
        }
    }
}
