package org.ffmas.crm.plugins.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on localhost: answers 503 to the first N requests, then 200, and keeps them all; or, when told,
 * answers every request with a redirect, or with a 500 whose body is {@link #MARKER}.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(long atMillis, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    /** What a receiver's error page says: the platform must never repeat it. */
    static final String MARKER = "RECEIVER-SAYS-7c1e9";

    private final HttpServer server;
    final List<Received> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    /** Requests that reached {@code /followed}, where redirects point. */
    final List<Received> followed = new CopyOnWriteArrayList<>();
    final AtomicBoolean redirecting = new AtomicBoolean();
    final AtomicBoolean failingWithMarker = new AtomicBoolean();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Received(System.currentTimeMillis(), Map.copyOf(exchange.getRequestHeaders()), body));
            if (redirecting.get()) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/followed");
                exchange.sendResponseHeaders(307, -1);
            } else if (failingWithMarker.get()) {
                byte[] page = ("<html><body>Erreur interne " + MARKER + "</body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, page.length);
                exchange.getResponseBody().write(page);
            } else {
                int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        server.createContext("/followed", exchange -> {
            followed.add(new Received(System.currentTimeMillis(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
