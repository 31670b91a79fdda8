package org.ffmas.crm.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.LayeredConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * The socket factories of the outbound client, which check the address each connection is about
 * to be opened to: the address the name resolved to for this very connection, so no later DNS
 * answer can differ from the one checked. TLS keeps the URL's host name for SNI and the certificate check.
 */
final class GuardedSockets {

    private GuardedSockets() {}

    static ConnectionSocketFactory plain(DestinationPolicy policy) {
        return new Plain(policy, PlainConnectionSocketFactory.getSocketFactory());
    }

    static LayeredConnectionSocketFactory tls(DestinationPolicy policy) {
        return new Tls(policy, SSLConnectionSocketFactory.getSocketFactory());
    }

    private static class Plain implements ConnectionSocketFactory {
        private final DestinationPolicy policy;
        private final ConnectionSocketFactory delegate;

        Plain(DestinationPolicy policy, ConnectionSocketFactory delegate) {
            this.policy = policy;
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket(HttpContext context) throws IOException {
            return delegate.createSocket(context);
        }

        @Override
        public Socket connectSocket(TimeValue connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                    InetSocketAddress localAddress, HttpContext context) throws IOException {
            try {
                policy.check(host.getHostName(), remoteAddress.getAddress());
            } catch (IOException refused) {
                if (socket != null) {
                    socket.close();
                }
                throw refused;
            }
            return delegate.connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
        }
    }

    private static final class Tls extends Plain implements LayeredConnectionSocketFactory {
        private final LayeredConnectionSocketFactory delegate;

        Tls(DestinationPolicy policy, LayeredConnectionSocketFactory delegate) {
            super(policy, delegate);
            this.delegate = delegate;
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
            return delegate.createLayeredSocket(socket, target, port, context);
        }
    }
}
