package org.ffmas.crm.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.storage.Database;

/** CSV imports of companies and contacts, uploaded through the API or dropped in the inbox folders. */
public final class ImportModule implements Managed {

    private final CamelRuntime camel;
    private final Path inbox;
    private final ImportRunners runners;
    private final ImportService imports;

    /** @param runId this start of the platform ({@code platform_run.id}): the runner of the imports it receives */
    public ImportModule(Database database, CamelRuntime camel, PartnerModule partners, Clock clock, Path dataDir, long runId) {
        this.camel = camel;
        this.inbox = dataDir.resolve("inbox");
        ImportRepository repository = new ImportRepository(database.dsl());
        this.runners = new ImportRunners(database, repository, clock, runId);
        this.imports = new ImportService(database, repository, runners, partners.companies(), partners.contacts(), dataDir.resolve("imports"),
                clock, partners.enrichment());
    }

    @Override
    public void start() throws Exception {
        // before the routes: what a stopped run left unfinished is failed (and restartable) from the first answer on
        runners.beat();
        camel.context().addRoutes(new ImportRoutes(imports, runners, inbox));
    }

    public ImportService imports() {
        return imports;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new ImportResource(imports, camel.context().createProducerTemplate()));
    }
}
