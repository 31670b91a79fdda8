package org.ffmas.crm.imports;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The import routes: uploads queued by the API, and files dropped into
 * {@code <data>/inbox/companies/} or {@code .../contacts/}, moved to {@code done/} once imported
 * or {@code failed/} when the file was refused; and the runners' heartbeat ({@link ImportRunners}).
 */
public final class ImportRoutes extends RouteBuilder {

    public static final String UPLOADS = "seda:imports?size=1000";

    private final ImportService service;
    private final ImportRunners runners;
    private final Path inbox;

    ImportRoutes(ImportService service, ImportRunners runners, Path inbox) {
        this.service = service;
        this.runners = runners;
        this.inbox = inbox;
    }

    @Override
    public void configure() {
        long beat = ImportRunners.BEAT.toMillis();
        from("timer:imports-runners?period=" + beat + "&delay=" + beat).routeId("imports-runners").process(exchange -> runners.beat());
        from(UPLOADS).routeId("imports-uploads")
                .process(exchange -> {
                    long id = exchange.getIn().getHeader("importId", Long.class);
                    String entity = exchange.getIn().getHeader("entity", String.class);
                    service.run(id, entity, service.uploaded(id));
                });
        for (String entity : new String[] {"companies", "contacts"}) {
            String folder = inbox.resolve(entity).toAbsolutePath().toString().replace('\\', '/');
            from("file:" + folder + "?readLock=changed&readLockMinAge=1000&readLockCheckInterval=500"
                    + "&move=done/${date:now:yyyyMMdd-HHmmss}-${file:name}&moveFailed=failed/${date:now:yyyyMMdd-HHmmss}-${file:name}"
                    + "&include=.*\\.(csv|CSV|txt|TXT)")
                    .routeId("imports-inbox-" + entity)
                    .process(exchange -> importDropped(exchange, entity));
        }
    }

    private void importDropped(Exchange exchange, String entity) {
        Path file = exchange.getIn().getBody(File.class).toPath();
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long id = service.registerInbox(entity, name);
        exchange.getIn().setHeader("importId", id);
        if (!service.run(id, entity, file)) {
            // the file goes to failed/, the reason is on the import's record
            throw new IllegalStateException("import " + id + " refused the file " + name + ": " + service.get(id).failure());
        }
    }
}
