package org.ffmas.crm.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.ffmas.crm.api.http.OutboundHttp;
import org.ffmas.crm.api.http.OutboundRequest;
import org.ffmas.crm.api.http.OutboundResponse;
import org.ffmas.crm.api.http.RefusedDestinationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's outbound HTTP client (Apache HttpClient 5): every connection's address checked by
 * {@link DestinationPolicy}, no redirect followed, no proxy, no cookie, no automatic retry (callers
 * retry as they see fit), answers read up to {@link OutboundHttp#MAX_ANSWER_BYTES}.
 */
public final class OutboundClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundClient.class);
    /** Set by the client itself from the body and the URL. */
    private static final Set<String> OWN_HEADERS = Set.of("content-length", "transfer-encoding", "host", "connection");

    private final CloseableHttpClient client;

    public OutboundClient(DestinationPolicy policy) {
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", GuardedSockets.plain(policy))
                .register("https", GuardedSockets.tls(policy))
                .build());
        connections.setMaxTotal(50);
        connections.setDefaultMaxPerRoute(10);
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("FFMAS-CRM")
                .build();
    }

    /** The client as one caller (e.g. {@code plugin:webhooks}) uses it: its refusals are logged with its name. */
    public OutboundHttp forCaller(String caller) {
        return request -> send(request, caller);
    }

    OutboundResponse send(OutboundRequest request, String caller) throws IOException {
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach((name, value) -> {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                http.addHeader(name, value);
            }
        });
        byte[] body = request.body();
        if (body.length > 0 || !request.method().equals("GET") && !request.method().equals("HEAD")) {
            http.setEntity(new ByteArrayEntity(body, null));
        }
        Timeout timeout = Timeout.ofMilliseconds(Math.max(1, request.timeout().toMillis()));
        http.setConfig(RequestConfig.custom().setConnectTimeout(timeout).setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout).setRedirectsEnabled(false).build());
        try {
            return client.execute(http, OutboundClient::read);
        } catch (RefusedDestinationException e) {
            log.warn("{}: {} refused: {}", caller, request, e.getMessage());
            throw e;
        }
    }

    private static OutboundResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        int status = response.getCode();
        String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
        return new OutboundResponse(status, reason, headers, bounded(response.getEntity()));
    }

    private static byte[] bounded(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (out.size() + n > OutboundHttp.MAX_ANSWER_BYTES) {
                    throw new IOException("the answer is longer than " + OutboundHttp.MAX_ANSWER_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            log.warn("closing the outbound HTTP client: {}", e.getMessage());
        }
    }
}
