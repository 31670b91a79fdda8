package org.ffmas.crm.plugins.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.event.DomainEvent;
import org.ffmas.crm.api.extension.DomainEventListener;
import org.pf4j.Extension;

/**
 * Turns each domain event into one delivery per configured URL, queued for the delivery route:
 * the listener returns at once, the route retries on its own time.
 */
@Extension
public class WebhookListener implements DomainEventListener {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Override
    public void onEvent(DomainEvent event, PluginContext context) {
        String urls = context.settings().get(WebhooksPlugin.URLS).orElse("");
        if (urls.isBlank()) {
            return;
        }
        String type = type(event);
        ProducerTemplate producer = context.camelContext().createProducerTemplate();
        try {
            for (String url : urls.split(",")) {
                String id = UUID.randomUUID().toString();
                ObjectNode envelope = JSON.createObjectNode();
                envelope.put("id", id);
                envelope.put("type", type);
                envelope.put("occurredAt", event.at().toString());
                envelope.set("data", JSON.valueToTree(event));
                producer.sendBody(WebhookRoutes.DELIVER,
                        new Delivery(id, url.strip(), type, envelope.toString(), Instant.now(), 0, null, null));
            }
        } finally {
            try {
                producer.stop();
            } catch (Exception ignored) {
                // a template that does not stop cleanly holds nothing worth reporting
            }
        }
    }

    /** {@code CompanyCreated} → {@code company.created}. */
    static String type(DomainEvent event) {
        String name = event.getClass().getSimpleName();
        return name.replaceAll("([a-z])([A-Z])", "$1.$2").toLowerCase(java.util.Locale.ROOT);
    }
}
