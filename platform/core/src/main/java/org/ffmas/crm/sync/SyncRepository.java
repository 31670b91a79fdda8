package org.ffmas.crm.sync;

import static org.ffmas.crm.storage.jooq.Tables.SYNC_CONTACT_LINK;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_CONFLICT;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_LINK;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_PARKED_CONTACT;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_RUN;
import static org.ffmas.crm.storage.jooq.Tables.SYNC_STATE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.storage.jooq.tables.records.SyncConflictRecord;
import org.ffmas.crm.storage.jooq.tables.records.SyncContactLinkRecord;
import org.ffmas.crm.storage.jooq.tables.records.SyncLinkRecord;
import org.ffmas.crm.storage.jooq.tables.records.SyncRunRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The sync tables: cursors, links between local and external ids, conflicts, runs. */
public final class SyncRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which external record a company is, and how both looked when they were last in step. */
    record Link(long companyId, String externalId, long localVersion, String remoteHash) {}

    /** Which external person a contact is, and how both looked when they were last in step. */
    record ContactLink(long contactId, String externalId, long localVersion, String remoteHash) {}

    private final DSLContext db;

    public SyncRepository(DSLContext db) {
        this.db = db;
    }

    Optional<String> cursor(String connector) {
        return db.select(SYNC_STATE.CURSOR_VALUE).from(SYNC_STATE).where(SYNC_STATE.CONNECTOR.eq(connector)).fetchOptional(r -> r.value1());
    }

    void saveCursor(String connector, String cursor, Instant now) {
        db.insertInto(SYNC_STATE).set(SYNC_STATE.CONNECTOR, connector).set(SYNC_STATE.CURSOR_VALUE, cursor)
                .set(SYNC_STATE.UPDATED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(SYNC_STATE.CURSOR_VALUE, cursor).set(SYNC_STATE.UPDATED_AT, Clocks.utc(now)).execute();
    }

    Optional<Link> linkByExternal(String connector, String externalId) {
        return db.selectFrom(SYNC_LINK).where(SYNC_LINK.CONNECTOR.eq(connector), SYNC_LINK.EXTERNAL_ID.eq(externalId))
                .fetchOptional(SyncRepository::toLink);
    }

    Optional<Link> linkByCompany(String connector, long companyId) {
        return db.selectFrom(SYNC_LINK).where(SYNC_LINK.CONNECTOR.eq(connector), SYNC_LINK.COMPANY_ID.eq(companyId))
                .fetchOptional(SyncRepository::toLink);
    }

    void link(String connector, long companyId, String externalId, long localVersion, String remoteHash, Instant now) {
        db.insertInto(SYNC_LINK).set(SYNC_LINK.CONNECTOR, connector).set(SYNC_LINK.COMPANY_ID, companyId)
                .set(SYNC_LINK.EXTERNAL_ID, externalId).set(SYNC_LINK.LOCAL_VERSION, localVersion).set(SYNC_LINK.REMOTE_HASH, remoteHash)
                .set(SYNC_LINK.SYNCED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(SYNC_LINK.EXTERNAL_ID, externalId).set(SYNC_LINK.LOCAL_VERSION, localVersion)
                .set(SYNC_LINK.REMOTE_HASH, remoteHash).set(SYNC_LINK.SYNCED_AT, Clocks.utc(now)).execute();
    }

    /** A merge moves the source's links to the target, unless the target is already linked there. */
    void moveLinks(long sourceId, long targetId) {
        List<String> targetConnectors = db.select(SYNC_LINK.CONNECTOR).from(SYNC_LINK).where(SYNC_LINK.COMPANY_ID.eq(targetId)).fetch(r -> r.value1());
        db.deleteFrom(SYNC_LINK).where(SYNC_LINK.COMPANY_ID.eq(sourceId), SYNC_LINK.CONNECTOR.in(targetConnectors)).execute();
        db.update(SYNC_LINK).set(SYNC_LINK.COMPANY_ID, targetId).where(SYNC_LINK.COMPANY_ID.eq(sourceId)).execute();
        db.update(SYNC_CONFLICT).set(SYNC_CONFLICT.COMPANY_ID, targetId).where(SYNC_CONFLICT.COMPANY_ID.eq(sourceId)).execute();
    }

    /** The links of the companies with an id from {@code fromId} to {@code toId}, by company. */
    Map<Long, Link> linksOfCompaniesBetween(String connector, long fromId, long toId) {
        return db.selectFrom(SYNC_LINK).where(SYNC_LINK.CONNECTOR.eq(connector), SYNC_LINK.COMPANY_ID.between(fromId, toId))
                .fetchMap(SYNC_LINK.COMPANY_ID, SyncRepository::toLink);
    }

    /** The ids there of those of these companies that are linked, by company. */
    Map<Long, String> externalIdsOfCompanies(String connector, Collection<Long> companyIds) {
        return db.select(SYNC_LINK.COMPANY_ID, SYNC_LINK.EXTERNAL_ID).from(SYNC_LINK)
                .where(SYNC_LINK.CONNECTOR.eq(connector), SYNC_LINK.COMPANY_ID.in(companyIds))
                .fetchMap(SYNC_LINK.COMPANY_ID, SYNC_LINK.EXTERNAL_ID);
    }

    /** The companies with an id from {@code fromId} to {@code toId} in an open conflict (about them, not their contacts). */
    Set<Long> companiesInOpenConflictBetween(String connector, long fromId, long toId) {
        return new HashSet<>(db.select(SYNC_CONFLICT.COMPANY_ID).from(SYNC_CONFLICT)
                .where(SYNC_CONFLICT.CONNECTOR.eq(connector), SYNC_CONFLICT.RESOLVED_AT.isNull(), SYNC_CONFLICT.COMPANY_ID.between(fromId, toId),
                        SYNC_CONFLICT.CONTACT_ID.isNull())
                .fetch(SYNC_CONFLICT.COMPANY_ID));
    }

    Optional<SyncConflict> openConflict(String connector, long companyId) {
        return db.selectFrom(SYNC_CONFLICT).where(SYNC_CONFLICT.CONNECTOR.eq(connector), SYNC_CONFLICT.COMPANY_ID.eq(companyId),
                SYNC_CONFLICT.CONTACT_ID.isNull(), SYNC_CONFLICT.RESOLVED_AT.isNull()).fetchOptional(SyncRepository::toConflict);
    }

    Optional<SyncConflict> openContactConflict(String connector, long contactId) {
        return db.selectFrom(SYNC_CONFLICT).where(SYNC_CONFLICT.CONNECTOR.eq(connector), SYNC_CONFLICT.CONTACT_ID.eq(contactId),
                SYNC_CONFLICT.RESOLVED_AT.isNull()).fetchOptional(SyncRepository::toConflict);
    }

    // --- contacts

    Optional<ContactLink> contactLinkByExternal(String connector, String externalId) {
        return db.selectFrom(SYNC_CONTACT_LINK).where(SYNC_CONTACT_LINK.CONNECTOR.eq(connector), SYNC_CONTACT_LINK.EXTERNAL_ID.eq(externalId))
                .fetchOptional(SyncRepository::toContactLink);
    }

    /** The links of the contacts with an id from {@code fromId} to {@code toId}, by contact. */
    Map<Long, ContactLink> contactLinksBetween(String connector, long fromId, long toId) {
        return db.selectFrom(SYNC_CONTACT_LINK).where(SYNC_CONTACT_LINK.CONNECTOR.eq(connector), SYNC_CONTACT_LINK.CONTACT_ID.between(fromId, toId))
                .fetchMap(SYNC_CONTACT_LINK.CONTACT_ID, SyncRepository::toContactLink);
    }

    /** The contacts with an id from {@code fromId} to {@code toId} in an open conflict. */
    Set<Long> contactsInOpenConflictBetween(String connector, long fromId, long toId) {
        return new HashSet<>(db.select(SYNC_CONFLICT.CONTACT_ID).from(SYNC_CONFLICT)
                .where(SYNC_CONFLICT.CONNECTOR.eq(connector), SYNC_CONFLICT.CONTACT_ID.between(fromId, toId), SYNC_CONFLICT.RESOLVED_AT.isNull())
                .fetch(SYNC_CONFLICT.CONTACT_ID));
    }

    boolean contactLinked(String connector, long contactId) {
        return db.fetchExists(SYNC_CONTACT_LINK, SYNC_CONTACT_LINK.CONNECTOR.eq(connector).and(SYNC_CONTACT_LINK.CONTACT_ID.eq(contactId)));
    }

    void linkContact(String connector, long contactId, String externalId, long localVersion, String remoteHash, Instant now) {
        db.insertInto(SYNC_CONTACT_LINK).set(SYNC_CONTACT_LINK.CONNECTOR, connector).set(SYNC_CONTACT_LINK.CONTACT_ID, contactId)
                .set(SYNC_CONTACT_LINK.EXTERNAL_ID, externalId).set(SYNC_CONTACT_LINK.LOCAL_VERSION, localVersion)
                .set(SYNC_CONTACT_LINK.REMOTE_HASH, remoteHash).set(SYNC_CONTACT_LINK.SYNCED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(SYNC_CONTACT_LINK.EXTERNAL_ID, externalId).set(SYNC_CONTACT_LINK.LOCAL_VERSION, localVersion)
                .set(SYNC_CONTACT_LINK.REMOTE_HASH, remoteHash).set(SYNC_CONTACT_LINK.SYNCED_AT, Clocks.utc(now)).execute();
    }

    /** Keeps a pulled person until its company is linked; {@code record} is the person as pulled (JSON). */
    void parkContact(String connector, String externalId, String companyExternalId, String record, Instant now) {
        db.insertInto(SYNC_PARKED_CONTACT).set(SYNC_PARKED_CONTACT.CONNECTOR, connector).set(SYNC_PARKED_CONTACT.EXTERNAL_ID, externalId)
                .set(SYNC_PARKED_CONTACT.COMPANY_EXTERNAL_ID, companyExternalId).set(SYNC_PARKED_CONTACT.RECORD, record)
                .set(SYNC_PARKED_CONTACT.PARKED_AT, Clocks.utc(now))
                .onDuplicateKeyUpdate().set(SYNC_PARKED_CONTACT.COMPANY_EXTERNAL_ID, companyExternalId).set(SYNC_PARKED_CONTACT.RECORD, record)
                .set(SYNC_PARKED_CONTACT.PARKED_AT, Clocks.utc(now)).execute();
    }

    void unparkContact(String connector, String externalId) {
        db.deleteFrom(SYNC_PARKED_CONTACT).where(SYNC_PARKED_CONTACT.CONNECTOR.eq(connector), SYNC_PARKED_CONTACT.EXTERNAL_ID.eq(externalId)).execute();
    }

    /** The ids there of the persons waiting for their company (a set to keep up to date during a run). */
    Set<String> parkedContactIds(String connector) {
        return new HashSet<>(db.select(SYNC_PARKED_CONTACT.EXTERNAL_ID).from(SYNC_PARKED_CONTACT)
                .where(SYNC_PARKED_CONTACT.CONNECTOR.eq(connector)).fetch(SYNC_PARKED_CONTACT.EXTERNAL_ID));
    }

    /** A person waiting for its company: its id there and the person as pulled (JSON). */
    record ParkedContact(String externalId, String record) {}

    /** The parked persons whose company is now linked, oldest first. */
    List<ParkedContact> parkedContactsOfLinkedCompanies(String connector) {
        return db.select(SYNC_PARKED_CONTACT.EXTERNAL_ID, SYNC_PARKED_CONTACT.RECORD).from(SYNC_PARKED_CONTACT)
                .where(SYNC_PARKED_CONTACT.CONNECTOR.eq(connector), DSL.exists(DSL.selectOne().from(SYNC_LINK)
                        .where(SYNC_LINK.CONNECTOR.eq(connector), SYNC_LINK.EXTERNAL_ID.eq(SYNC_PARKED_CONTACT.COMPANY_EXTERNAL_ID))))
                .orderBy(SYNC_PARKED_CONTACT.PARKED_AT).fetch(r -> new ParkedContact(r.value1(), r.value2()));
    }

    /** A conflict about a company, or about one of its contacts when {@code contactId} is set. */
    long addConflict(String connector, long companyId, Long contactId, String externalId, Object local, Object remote, String remoteHash,
                     Instant now) {
        return db.insertInto(SYNC_CONFLICT).set(SYNC_CONFLICT.CONNECTOR, connector).set(SYNC_CONFLICT.COMPANY_ID, companyId)
                .set(SYNC_CONFLICT.CONTACT_ID, contactId).set(SYNC_CONFLICT.EXTERNAL_ID, externalId).set(SYNC_CONFLICT.LOCAL_JSON, json(local))
                .set(SYNC_CONFLICT.REMOTE_JSON, json(remote)).set(SYNC_CONFLICT.REMOTE_HASH, remoteHash).set(SYNC_CONFLICT.DETECTED_AT, Clocks.utc(now))
                .returningResult(SYNC_CONFLICT.ID).fetchOne().value1();
    }

    /** The record changed there again: the open conflict shows its latest state. */
    void refreshConflict(long id, Object local, Object remote, String remoteHash) {
        db.update(SYNC_CONFLICT).set(SYNC_CONFLICT.LOCAL_JSON, json(local)).set(SYNC_CONFLICT.REMOTE_JSON, json(remote))
                .set(SYNC_CONFLICT.REMOTE_HASH, remoteHash)
                .where(SYNC_CONFLICT.ID.eq(id)).execute();
    }

    boolean resolve(long id, String resolution, String by, Instant now) {
        return db.update(SYNC_CONFLICT).set(SYNC_CONFLICT.RESOLUTION, resolution).set(SYNC_CONFLICT.RESOLVED_BY, by)
                .set(SYNC_CONFLICT.RESOLVED_AT, Clocks.utc(now)).where(SYNC_CONFLICT.ID.eq(id), SYNC_CONFLICT.RESOLVED_AT.isNull())
                .execute() == 1;
    }

    Optional<SyncConflict> conflict(long id) {
        return db.selectFrom(SYNC_CONFLICT).where(SYNC_CONFLICT.ID.eq(id)).fetchOptional(SyncRepository::toConflict);
    }

    List<SyncConflict> conflicts(String connector, boolean openOnly, int limit) {
        var where = DSL.noCondition();
        if (connector != null) {
            where = where.and(SYNC_CONFLICT.CONNECTOR.eq(connector));
        }
        if (openOnly) {
            where = where.and(SYNC_CONFLICT.RESOLVED_AT.isNull());
        }
        return db.selectFrom(SYNC_CONFLICT).where(where).orderBy(SYNC_CONFLICT.ID.desc()).limit(limit).fetch(SyncRepository::toConflict);
    }

    long startRun(String connector, String trigger, String cursor, Instant now) {
        return db.insertInto(SYNC_RUN).set(SYNC_RUN.CONNECTOR, connector).set(SYNC_RUN.TRIGGER_KIND, trigger).set(SYNC_RUN.STATUS, "RUNNING")
                .set(SYNC_RUN.STARTED_AT, Clocks.utc(now)).set(SYNC_RUN.CURSOR_FROM, cursor)
                .returningResult(SYNC_RUN.ID).fetchOne().value1();
    }

    void progress(long runId, SyncCounts counts, String cursor) {
        db.update(SYNC_RUN).set(SYNC_RUN.PULLED, counts.pulled()).set(SYNC_RUN.PUSHED, counts.pushed())
                .set(SYNC_RUN.CONFLICTS, counts.conflicts()).set(SYNC_RUN.ERRORS, counts.errors()).set(SYNC_RUN.ATTEMPTS, counts.attempts())
                .set(SYNC_RUN.ERROR_DETAILS, json(counts.errorDetails())).set(SYNC_RUN.CURSOR_TO, cursor)
                .where(SYNC_RUN.ID.eq(runId)).execute();
    }

    void finishRun(long runId, String status, String failure, Instant now) {
        db.update(SYNC_RUN).set(SYNC_RUN.STATUS, status).set(SYNC_RUN.FAILURE, failure == null ? null : abbreviate(failure, 1000))
                .set(SYNC_RUN.FINISHED_AT, Clocks.utc(now)).where(SYNC_RUN.ID.eq(runId)).execute();
    }

    /** Runs a stop of the platform cut short: they did not finish, for {@code failure}. */
    int failInterrupted(String failure, Instant now) {
        return db.update(SYNC_RUN).set(SYNC_RUN.STATUS, "FAILED").set(SYNC_RUN.FAILURE, failure)
                .set(SYNC_RUN.FINISHED_AT, Clocks.utc(now)).where(SYNC_RUN.STATUS.eq("RUNNING")).execute();
    }

    Optional<SyncRun> run(long id) {
        return db.selectFrom(SYNC_RUN).where(SYNC_RUN.ID.eq(id)).fetchOptional(SyncRepository::toRun);
    }

    List<SyncRun> runs(String connector, String status, int limit) {
        var where = DSL.noCondition();
        if (connector != null) {
            where = where.and(SYNC_RUN.CONNECTOR.eq(connector));
        }
        if (status != null) {
            where = where.and(SYNC_RUN.STATUS.eq(status));
        }
        return db.selectFrom(SYNC_RUN).where(where).orderBy(SYNC_RUN.ID.desc()).limit(limit).fetch(SyncRepository::toRun);
    }

    private static Link toLink(SyncLinkRecord r) {
        return new Link(r.getCompanyId(), r.getExternalId(), r.getLocalVersion(), r.getRemoteHash());
    }

    private static ContactLink toContactLink(SyncContactLinkRecord r) {
        return new ContactLink(r.getContactId(), r.getExternalId(), r.getLocalVersion(), r.getRemoteHash());
    }

    private static SyncRun toRun(SyncRunRecord r) {
        return new SyncRun(r.getId(), r.getConnector(), r.getTriggerKind(), r.getStatus(), Clocks.instant(r.getStartedAt()),
                Clocks.instant(r.getFinishedAt()), r.getPulled(), r.getPushed(), r.getConflicts(), r.getErrors(), r.getAttempts(),
                r.getFailure(), r.getErrorDetails() == null ? List.of() : readList(r.getErrorDetails()), r.getCursorFrom(), r.getCursorTo());
    }

    private static SyncConflict toConflict(SyncConflictRecord r) {
        try {
            return new SyncConflict(r.getId(), r.getConnector(), r.getCompanyId(), r.getContactId(), r.getExternalId(), JSON.readTree(r.getLocalJson()),
                    JSON.readTree(r.getRemoteJson()), r.getRemoteHash(), Clocks.instant(r.getDetectedAt()), Clocks.instant(r.getResolvedAt()),
                    r.getResolution(), r.getResolvedBy());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sync conflict " + r.getId(), e);
        }
    }

    private static List<String> readList(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
