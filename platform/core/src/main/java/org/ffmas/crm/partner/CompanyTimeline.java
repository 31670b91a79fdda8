package org.ffmas.crm.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;
import org.ffmas.crm.storage.Database;

/** A company's timeline: what staff note (calls, meetings, mails, tasks) and what the platform did. */
final class CompanyTimeline {

    private final Database database;
    private final CompanyEditor editor;
    private final ContactRepository contacts;
    private final ActivityRepository activities;
    private final AuditService audit;
    private final Clock clock;

    CompanyTimeline(Database database, CompanyEditor editor, ContactRepository contacts, ActivityRepository activities, AuditService audit,
                    Clock clock) {
        this.database = database;
        this.editor = editor;
        this.contacts = contacts;
        this.activities = activities;
        this.audit = audit;
        this.clock = clock;
    }

    /** Puts an event of the platform (e.g. {@code agreement.signed}) on a company's timeline. */
    void recordSystemEvent(long companyId, String event, String text, Long actorId) {
        activities.insert(companyId, null, ActivityKind.SYSTEM, event, text, null, null, actorId, clock.instant());
    }

    /** Puts a mail sent or received by the platform (EMAIL_OUT, EMAIL_IN) on a company's timeline. */
    void recordMail(long companyId, Long contactId, boolean outgoing, String text) {
        activities.insert(companyId, contactId, outgoing ? ActivityKind.EMAIL_OUT : ActivityKind.EMAIL_IN, null, text, null, null, null,
                clock.instant());
    }

    /** Puts a TASK of the platform's (e.g. a renewal reminder) on a company's timeline. */
    void addTask(long companyId, String text, Instant dueAt, Long ownerId) {
        activities.insert(companyId, null, ActivityKind.TASK, "agreement.renewal_reminder", text, dueAt, null, ownerId, clock.instant());
    }

    /** Adds a note, call, meeting, mail or task to a company's timeline. */
    Activity add(Actor by, long companyId, NewActivity a) {
        editor.get(companyId);
        Validation v = new Validation();
        a.errors().reportTo(v);
        Long contactId = a.contactId();
        if (contactId != null && contacts.find(contactId).map(c -> c.companyId() != companyId).orElse(true)) {
            v.error("contactId", "is not a contact of this company");
        }
        a.dateErrors().reportTo(v);
        v.throwIfAny();
        Instant now = clock.instant();
        long id = database.inTransaction(() -> {
            long newId = activities.insert(companyId, contactId, a.kind(), null, a.text(), a.dueAt(), a.doneAt(), by.userId(), now);
            audit.record(by, "activity.created", "company", companyId, Map.of("activityId", newId, "kind", a.kind().name()));
            return newId;
        });
        return activities.find(id).orElseThrow();
    }

    /** The timeline, newest first. */
    Page<Activity> page(long companyId, int page, int size) {
        editor.get(companyId);
        return new Page<>(activities.timeline(companyId, size, (page - 1) * size), activities.count(companyId), page, size);
    }
}
