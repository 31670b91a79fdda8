package org.ffmas.crm.plugins.webhooks;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;

/**
 * {@code /api/plugins/webhooks/deliveries}: the dead letters, and their manual replay
 * ({@code POST /api/plugins/webhooks/deliveries/{id}/replay}).
 */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    private final PluginContext context;
    private final DeadLetters deadLetters;

    public DeliveriesResource(PluginContext context) {
        this.context = context;
        this.deadLetters = new DeadLetters(context.dataDirectory());
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF})
    public Map<String, List<Delivery>> deadLetters() {
        return Map.of("items", deadLetters.all());
    }

    /** Sends a dead letter again, through the same retries; it is a dead letter again if they all fail. */
    @POST
    @Path("/{id}/replay")
    @Allowed(Role.ADMIN)
    public Response replay(@PathParam("id") String id) throws Exception {
        Delivery d = deadLetters.take(id).orElseThrow(() -> new NotFoundException("No dead letter " + id + "."));
        ProducerTemplate producer = context.camelContext().createProducerTemplate();
        try {
            producer.sendBody(WebhookRoutes.DELIVER, new Delivery(d.id(), d.url(), d.eventType(), d.body(), Instant.now(), 0, null, null));
        } finally {
            producer.stop();
        }
        context.logger().info("webhook delivery {} replayed", id);
        return Response.accepted(Map.of("id", id, "replayed", true)).build();
    }
}
