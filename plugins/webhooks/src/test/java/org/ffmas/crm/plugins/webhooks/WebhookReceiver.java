package org.ffmas.crm.plugins.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver on localhost: answers 503 to the first N requests, then 200, and keeps them all. */
final class WebhookReceiver implements AutoCloseable {

    record Received(long atMillis, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    final List<Received> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Received(System.currentTimeMillis(), Map.copyOf(exchange.getRequestHeaders()), body));
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
