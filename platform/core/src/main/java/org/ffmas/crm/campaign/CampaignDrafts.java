package org.ffmas.crm.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing campaigns while they may still change (checked together), and reading them back with their deliveries. */
final class CampaignDrafts {

    private static final Logger log = LoggerFactory.getLogger(CampaignDrafts.class);

    private final Database database;
    private final CampaignRepository repository;
    private final DeliveryRepository deliveries;
    private final AuditService audit;
    private final Clock clock;
    private final MailSettings settings;

    CampaignDrafts(Database database, CampaignRepository repository, DeliveryRepository deliveries, AuditService audit, Clock clock,
                   MailSettings settings) {
        this.database = database;
        this.repository = repository;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    Campaign create(Actor by, NewCampaign campaign) {
        Validation v = new Validation();
        campaign.errors().reportTo(v);
        CampaignDraft d = new CampaignDraft();
        d.fromName = settings.sender().fromName();
        d.fromAddress = settings.sender().from();
        d.apply(campaign.fields());
        d.validate(v, settings.sender().allowedFromDomains());
        v.throwIfAny();
        Instant now = clock.instant();
        Campaign c = database.inTransaction(() -> {
            long id = repository.insert(d, by.userId() == 0 ? null : by.userId(), now);
            Campaign created = get(id);
            audit.record(by, "campaign.created", "campaign", id, Map.of("name", d.name));
            return created;
        });
        log.info("campaign {} created by user {}", c.id(), by.userId());
        return c;
    }

    Campaign update(Actor by, long id, CampaignChange change) {
        Validation v = new Validation();
        change.errors().reportTo(v);
        Long version = change.version();
        Campaign current = get(id);
        CampaignDraft d = CampaignDraft.of(current);
        d.apply(change.fields());
        d.validate(v, settings.sender().allowedFromDomains());
        v.throwIfAny();
        if (!current.status().editable()) {
            throw current.status().notEditable(id);
        }
        database.inTransaction(() -> {
            if (!repository.update(id, version, d, clock.instant())) {
                throw ConflictException.staleVersion("Campaign " + id, version, get(id).version());
            }
            audit.record(by, "campaign.updated", "campaign", id, Map.of("fields", change.sent()));
            return null;
        });
        return get(id);
    }

    /** Whether a campaign may be sent from {@code address}: its domain is one of {@code mail.allowedFromDomains}. */
    boolean fromAllowed(String address) {
        return address != null && CampaignDraft.fromDomainAllowed(address, settings.sender().allowedFromDomains());
    }

    List<String> allowedFromDomains() {
        return settings.sender().allowedFromDomains();
    }

    Campaign get(long id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("There is no campaign " + id + ".");
    }

    Page<Campaign> list(CampaignStatus status, int page, int size) {
        return repository.list(status, page, size);
    }

    CampaignStats stats(long id) {
        get(id);
        return deliveries.stats(id);
    }

    Page<Delivery> deliveries(long id, String status, int page, int size) {
        get(id);
        return deliveries.deliveries(id, status, page, size);
    }
}
