package org.ffmas.crm.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.ffmas.crm.partner.PartnerVersions;
import org.ffmas.crm.partner.PartnerVersions.CompanyVersion;
import org.ffmas.crm.partner.PartnerVersions.ContactVersion;

/**
 * What to push to a connector, a page at a time in id order: partner gives the companies' and
 * contacts' versions, the links here say which ones were synced, at which version.
 */
final class PushQueue {

    /** A company to push: changed since its last sync, or never synced ({@code externalId} null). */
    record Pending(long companyId, String externalId) {}

    /** A contact to push, with its company's id there; {@code externalId} null when never synced. */
    record PendingContact(long contactId, String externalId, String companyExternalId) {}

    /** Versions compared at a time: few of them are to push once most records are in step. */
    private static final int SCAN = 1000;

    private final PartnerVersions versions;
    private final SyncRepository repository;
    private final int scan;

    PushQueue(PartnerVersions versions, SyncRepository repository) {
        this(versions, repository, SCAN);
    }

    /** Compares {@code scan} versions at a time (tests make chunks small). */
    PushQueue(PartnerVersions versions, SyncRepository repository, int scan) {
        this.versions = versions;
        this.repository = repository;
        this.scan = scan;
    }

    /**
     * Companies to push, after {@code afterId} in id order: live ones never synced with this
     * connector, or changed since their last sync, without an open conflict.
     */
    List<Pending> companies(String connector, long afterId, int limit) {
        return collect(afterId, limit, after -> versions.liveCompanies(after, scan), CompanyVersion::id, chunk -> {
            long from = chunk.get(0).id();
            long to = chunk.get(chunk.size() - 1).id();
            Map<Long, SyncRepository.Link> links = repository.linksOfCompaniesBetween(connector, from, to);
            Set<Long> inConflict = repository.companiesInOpenConflictBetween(connector, from, to);
            List<Pending> pending = new ArrayList<>();
            for (CompanyVersion c : chunk) {
                SyncRepository.Link link = links.get(c.id());
                if ((link == null || link.localVersion() != c.version()) && !inConflict.contains(c.id())) {
                    pending.add(new Pending(c.id(), link == null ? null : link.externalId()));
                }
            }
            return pending;
        });
    }

    /**
     * Contacts of companies synced with this connector, never synced or changed since, without an
     * open conflict; archived ones only when they were synced (so that the archive goes there once).
     */
    List<PendingContact> contacts(String connector, long afterId, int limit) {
        return collect(afterId, limit, after -> versions.contacts(after, scan), ContactVersion::id, chunk -> {
            long from = chunk.get(0).id();
            long to = chunk.get(chunk.size() - 1).id();
            Map<Long, String> companiesThere = repository.externalIdsOfCompanies(connector,
                    chunk.stream().map(ContactVersion::companyId).collect(Collectors.toSet()));
            Map<Long, SyncRepository.ContactLink> links = repository.contactLinksBetween(connector, from, to);
            Set<Long> inConflict = repository.contactsInOpenConflictBetween(connector, from, to);
            List<PendingContact> pending = new ArrayList<>();
            for (ContactVersion c : chunk) {
                String companyThere = companiesThere.get(c.companyId());
                SyncRepository.ContactLink link = links.get(c.id());
                boolean changed = link == null ? !c.archived() : link.localVersion() != c.version();
                if (companyThere != null && changed && !inConflict.contains(c.id())) {
                    pending.add(new PendingContact(c.id(), link == null ? null : link.externalId(), companyThere));
                }
            }
            return pending;
        });
    }

    /**
     * Reads the versions after {@code afterId} a chunk at a time and keeps what {@code pendingOf}
     * makes of each chunk (in id order), until {@code limit} are found or no versions are left.
     */
    private <V, P> List<P> collect(long afterId, int limit, LongFunction<List<V>> read, ToLongFunction<V> idOf,
                                          Function<List<V>, List<P>> pendingOf) {
        List<P> page = new ArrayList<>();
        long after = afterId;
        while (true) {
            List<V> chunk = read.apply(after);
            if (chunk.isEmpty()) {
                return page;
            }
            for (P p : pendingOf.apply(chunk)) {
                page.add(p);
                if (page.size() == limit) {
                    return page;
                }
            }
            if (chunk.size() < scan) {
                return page;
            }
            after = idOf.applyAsLong(chunk.get(chunk.size() - 1));
        }
    }
}
