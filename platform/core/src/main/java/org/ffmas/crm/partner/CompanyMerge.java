package org.ffmas.crm.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.ffmas.crm.api.event.CompanyMerged;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.audit.Changes;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.event.EventBus;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two companies made one: the source's contacts, timeline, tags and empty-on-target fields move to the target. */
final class CompanyMerge {

    private static final Logger log = LoggerFactory.getLogger(CompanyService.class);

    private final Database database;
    private final CompanyEditor editor;
    private final CompanyWrites writes;
    private final ContactRepository contacts;
    private final ActivityRepository activities;
    private final AuditService audit;
    private final EventBus events;
    private final Clock clock;
    /** What other features move from a merged company to its target, in the merge's transaction. */
    private final List<BiConsumer<Long, Long>> steps = new CopyOnWriteArrayList<>();

    CompanyMerge(Database database, CompanyEditor editor, CompanyWrites writes, ContactRepository contacts, ActivityRepository activities,
                 AuditService audit, EventBus events, Clock clock) {
        this.database = database;
        this.editor = editor;
        this.writes = writes;
        this.contacts = contacts;
        this.activities = activities;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Registers what a feature moves from a merged company to its target (e.g. agreements). */
    void onMerge(BiConsumer<Long, Long> step) {
        steps.add(step);
    }

    /** See {@link CompanyService#merge}. */
    Company merge(Actor by, long targetId, Long sourceId, List<String> takeFromSource) {
        Validation v = new Validation();
        if (sourceId == null) {
            v.error("sourceId", "is required");
        } else if (sourceId == targetId) {
            v.error("sourceId", "must be another company than the target");
        }
        for (String field : takeFromSource) {
            if (!CompanyFields.NAMES.contains(field) || field.equals("tags")) {
                v.error("takeFromSource", "'" + field + "' is not a company field that can be taken from the source");
            }
        }
        v.throwIfAny();
        Company target = editor.get(targetId);
        Company source;
        try {
            source = editor.get(sourceId);
        } catch (NotFoundException | MergedException e) {
            throw new InvalidInputException("sourceId", e.getMessage());
        }
        Instant now = clock.instant();
        database.inTransaction(() -> {
            CompanyDraft merged = CompanyDraft.of(target);
            CompanyDraft from = CompanyDraft.of(source);
            Map<String, Object> conflicts = new LinkedHashMap<>();
            fill(merged, from, takeFromSource, conflicts);
            List<String> tags = new ArrayList<>(merged.tags);
            from.tags.stream().filter(t -> tags.stream().noneMatch(x -> x.equalsIgnoreCase(t))).forEach(tags::add);
            merged.tags = tags.size() > CompanyDraft.MAX_TAGS ? tags.subList(0, CompanyDraft.MAX_TAGS) : tags;
            // the source stops being a live company first: its SIREN may pass to the target
            writes.markMerged(sourceId, targetId, now);
            writes.redirectMerged(sourceId, targetId);
            editor.write(targetId, target.version(), merged, now);
            contacts.moveAll(sourceId, targetId, now);
            activities.moveAll(sourceId, targetId);
            steps.forEach(step -> step.accept(sourceId, targetId));
            editor.refreshSearchText(targetId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sourceId", sourceId);
            details.put("source", Changes.snapshot(source));
            details.put("changes", Changes.between(target, editor.get(targetId)));
            details.put("keptFromTarget", conflicts);
            audit.record(by, "company.merged", "company", targetId, details);
            audit.record(by, "company.merged_into", "company", sourceId, Map.of("targetId", targetId));
            activities.insert(targetId, null, ActivityKind.SYSTEM, "company.merged",
                    "Fusion de #" + sourceId + " " + source.legalName(), null, null, by.userId(), now);
            return null;
        });
        log.info("company {} merged into {} by user {}", sourceId, targetId, by.userId());
        events.publish(new CompanyMerged(targetId, sourceId, now, by.userId()));
        return editor.get(targetId);
    }

    /** Fills the target's empty fields from the source, and takes the fields asked for. */
    private static void fill(CompanyDraft t, CompanyDraft s, List<String> take, Map<String, Object> conflicts) {
        t.legalName = pick("legalName", t.legalName, s.legalName, take, conflicts);
        t.tradeName = pick("tradeName", t.tradeName, s.tradeName, take, conflicts);
        t.siren = pick("siren", t.siren, s.siren, take, conflicts);
        t.siret = pick("siret", t.siret, s.siret, take, conflicts);
        t.nafCode = pick("nafCode", t.nafCode, s.nafCode, take, conflicts);
        t.legalForm = pick("legalForm", t.legalForm, s.legalForm, take, conflicts);
        t.sector = pick("sector", t.sector, s.sector, take, conflicts);
        t.sizeBracket = pick("sizeBracket", t.sizeBracket, s.sizeBracket, take, conflicts);
        t.workforceBracket = pick("workforceBracket", t.workforceBracket, s.workforceBracket, take, conflicts);
        if (take.contains("address") || t.line1 == null && t.postalCode == null && t.city == null) {
            t.line1 = s.line1;
            t.line2 = s.line2;
            t.postalCode = s.postalCode;
            t.city = s.city;
            t.country = s.country;
        } else if (s.line1 != null || s.postalCode != null || s.city != null) {
            conflicts.put("address", "target's kept");
        }
        t.website = pick("website", t.website, s.website, take, conflicts);
        t.phone = pick("phone", t.phone, s.phone, take, conflicts);
        t.status = pick("status", t.status, s.status, take, conflicts);
        t.ownerId = pick("ownerId", t.ownerId, s.ownerId, take, conflicts);
        if (s.notes != null && t.notes != null && !take.contains("notes") && !t.notes.equals(s.notes)) {
            // notes are not a conflict: both are kept
            t.notes = t.notes + "\n\n" + s.notes;
        } else {
            t.notes = pick("notes", t.notes, s.notes, take, conflicts);
        }
    }

    private static <T> T pick(String field, T target, T source, List<String> take, Map<String, Object> conflicts) {
        if (source == null) {
            return target;
        }
        if (target == null || take.contains(field)) {
            return source;
        }
        if (!target.equals(source)) {
            conflicts.put(field, "target's kept");
        }
        return target;
    }
}
