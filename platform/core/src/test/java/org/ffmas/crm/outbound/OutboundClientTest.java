package org.ffmas.crm.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ffmas.crm.api.http.OutboundHttp;
import org.ffmas.crm.api.http.OutboundRequest;
import org.ffmas.crm.api.http.OutboundResponse;
import org.ffmas.crm.api.http.RefusedDestinationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbound client against a real local server: refused unless allowed, by address after resolution, no redirect followed. */
class OutboundClientTest {

    static HttpServer server;
    static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/internal");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "hello".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    private static URI at(String host, String path) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    @Test
    void aLoopbackAddressIsRefusedAndNothingIsSent() {
        try (OutboundClient client = new OutboundClient(DestinationPolicy.allowing(List.of()))) {
            OutboundHttp http = client.forCaller("test");
            assertThatThrownBy(() -> http.send(OutboundRequest.get(at("127.0.0.1", "/hello"))))
                    .isInstanceOf(RefusedDestinationException.class).hasMessageContaining("loopback");
            assertThatThrownBy(() -> http.send(OutboundRequest.get(at("localhost", "/hello"))))
                    .as("a name is checked by the address it resolves to")
                    .isInstanceOf(RefusedDestinationException.class);
            assertThatThrownBy(() -> http.send(OutboundRequest.get(at("[::ffff:127.0.0.1]", "/hello"))))
                    .isInstanceOf(RefusedDestinationException.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void anAllowedAddressIsReachedButARedirectIsNotFollowed() throws Exception {
        try (OutboundClient client = new OutboundClient(DestinationPolicy.allowing(List.of("127.0.0.1")))) {
            OutboundHttp http = client.forCaller("test");
            OutboundResponse hello = http.send(OutboundRequest.get(at("127.0.0.1", "/hello")));
            assertThat(hello.status()).isEqualTo(200);
            assertThat(hello.text()).isEqualTo("hello");

            OutboundResponse redirect = http.send(OutboundRequest.get(at("127.0.0.1", "/redirect")));
            assertThat(redirect.status()).isEqualTo(302);
            assertThat(redirect.header("location")).hasValueSatisfying(l -> assertThat(l).endsWith("/internal"));
        }
        assertThat(received).containsExactly("/hello", "/redirect");
    }
}
