package org.ffmas.crm.plugins.webhooks;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.extension.RouteContributor;
import org.ffmas.crm.api.http.OutboundHttp;
import org.ffmas.crm.api.http.OutboundRequest;
import org.ffmas.crm.api.http.OutboundResponse;
import org.pf4j.Extension;

/**
 * The delivery route: takes deliveries from a queue, POSTs each signed, retried with exponential back-off by Camel's
 * dead letter channel; what fails every attempt becomes a dead letter.
 */
@Extension
public class WebhookRoutes implements RouteContributor {

    /** A queue: whoever hands a delivery over returns at once; retries happen on the route's own threads. */
    static final String DELIVER = "seda:webhooks-deliver?size=10000";
    static final String DEAD = "direct:webhooks-dead";

    @Override
    public List<RoutesBuilder> routes(PluginContext context) {
        int maxAttempts = context.settings().integer(WebhooksPlugin.MAX_ATTEMPTS);
        long initialDelay = context.settings().integer(WebhooksPlugin.INITIAL_DELAY_MS);
        Duration timeout = Duration.ofMillis(context.settings().integer(WebhooksPlugin.TIMEOUT_MS));
        String secret = context.settings().get(WebhooksPlugin.SECRET).orElse("");
        OutboundHttp http = context.http();
        DeadLetters deadLetters = new DeadLetters(context.dataDirectory());
        Clock clock = Clock.systemUTC();
        return List.of(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel(DEAD)
                        .maximumRedeliveries(maxAttempts - 1)
                        .redeliveryDelay(initialDelay)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(Math.max(initialDelay, 3_600_000L))
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .useOriginalMessage());

                from(DELIVER + "&concurrentConsumers=2").routeId("webhooks-deliver")
                        .process(exchange -> send(exchange, http, secret, timeout, clock));

                from(DEAD).routeId("webhooks-dead")
                        .process(exchange -> {
                            Delivery d = exchange.getIn().getBody(Delivery.class);
                            Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                            deadLetters.add(new Delivery(d.id(), d.url(), d.eventType(), d.body(), d.createdAt(), maxAttempts,
                                    cause == null ? "unknown" : cause.getMessage(), Instant.now(clock)));
                            context.logger().error("webhook delivery {} of {} to {} failed {} time(s): now a dead letter",
                                    d.id(), d.eventType(), d.url(), maxAttempts);
                        });
            }
        });
    }

    /** POSTs one delivery; an answer other than 2xx fails it with its status (never its body, which is the receiver's text). */
    private static void send(Exchange exchange, OutboundHttp http, String secret, Duration timeout, Clock clock) throws IOException {
        Delivery d = exchange.getIn().getBody(Delivery.class);
        OutboundRequest request = OutboundRequest.post(URI.create(d.url()), "application/json", d.body())
                .withTimeout(timeout)
                .withHeader("User-Agent", "FFMAS-CRM-Webhooks/1")
                .withHeader("X-CRM-Event", d.eventType())
                .withHeader("X-CRM-Delivery", d.id())
                .withHeader(Signature.HEADER, Signature.header(secret, clock.instant().getEpochSecond(), d.body()));
        OutboundResponse response = http.send(request);
        if (!response.successful()) {
            throw new IOException(d.url() + " answered " + response.statusLine());
        }
    }
}
