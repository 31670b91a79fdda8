package org.ffmas.crm.agreement;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.AgreementSettings;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.integration.CamelRuntime;
import org.ffmas.crm.partner.PartnerModule;
import org.ffmas.crm.security.UserDirectory;
import org.ffmas.crm.storage.Database;
import org.ffmas.crm.storage.FileStore;

/** Sponsorship and partnership agreements, their paperwork (documents, tax receipts) and their calendar route. */
public final class AgreementModule implements Managed {

    private final CamelRuntime camel;
    private final AgreementSettings settings;
    private final AgreementService agreements;
    private final PaperworkService paperwork;

    public AgreementModule(Database database, CamelRuntime camel, PartnerModule partners, UserDirectory users, AuditService audit,
                           EventBus events, Clock clock, AgreementSettings settings, Path dataDir) {
        this.camel = camel;
        this.settings = settings;
        this.agreements = new AgreementService(database, new AgreementRepository(database.dsl()), partners.companies(), partners.contacts(),
                users, audit, events, clock, settings.tiers(), settings.reminderDays());
        this.paperwork = new PaperworkService(database, new PaperworkRepository(database.dsl()), agreements, partners.companies(),
                new FileStore(dataDir.resolve("documents")), audit, clock, settings.receiptIssuer());
    }

    @Override
    public void start() throws Exception {
        camel.context().addRoutes(new AgreementCalendarRoute(agreements, settings.calendarSeconds()));
    }

    public AgreementService agreements() {
        return agreements;
    }

    public PaperworkService paperwork() {
        return paperwork;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new AgreementResource(agreements, paperwork));
    }
}
