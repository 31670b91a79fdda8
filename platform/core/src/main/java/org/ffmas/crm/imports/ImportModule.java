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
    private final ImportService imports;

    public ImportModule(Database database, CamelRuntime camel, PartnerModule partners, Clock clock, Path dataDir) {
        this.camel = camel;
        this.inbox = dataDir.resolve("inbox");
        this.imports = new ImportService(database, new ImportRepository(database.dsl()), partners.companies(), partners.contacts(),
                dataDir.resolve("imports"), clock, partners.enrichment());
    }

    @Override
    public void start() throws Exception {
        camel.context().addRoutes(new ImportRoutes(imports, inbox));
    }

    public ImportService imports() {
        return imports;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new ImportResource(imports, camel.context().createProducerTemplate()));
    }
}
