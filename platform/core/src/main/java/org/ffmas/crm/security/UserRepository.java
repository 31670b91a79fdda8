package org.ffmas.crm.security;

import static org.ffmas.crm.storage.jooq.Tables.STAFF_USER;

import java.time.Instant;
import java.util.Optional;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.storage.jooq.tables.records.StaffUserRecord;
import org.jooq.DSLContext;

/** The {@code staff_user} table. */
public final class UserRepository {

    /** A user with the hash their password is checked against; never leaves the security package. */
    record Stored(StaffUser user, String passwordHash) {}

    private final DSLContext db;

    public UserRepository(DSLContext db) {
        this.db = db;
    }

    long insert(String username, String displayName, String email, Role role, String passwordHash, Instant now) {
        return db.insertInto(STAFF_USER)
                .set(STAFF_USER.USERNAME, username)
                .set(STAFF_USER.DISPLAY_NAME, displayName)
                .set(STAFF_USER.EMAIL, email)
                .set(STAFF_USER.ROLE, role.name())
                .set(STAFF_USER.ACTIVE, true)
                .set(STAFF_USER.PASSWORD_HASH, passwordHash)
                .set(STAFF_USER.VERSION, 1L)
                .set(STAFF_USER.CREATED_AT, Clocks.utc(now))
                .set(STAFF_USER.UPDATED_AT, Clocks.utc(now))
                .returningResult(STAFF_USER.ID)
                .fetchOne()
                .value1();
    }

    Optional<StaffUser> find(long id) {
        return db.selectFrom(STAFF_USER).where(STAFF_USER.ID.eq(id)).fetchOptional(UserRepository::toUser);
    }

    Optional<Stored> findByUsername(String username) {
        return db.selectFrom(STAFF_USER).where(STAFF_USER.USERNAME.eq(username))
                .fetchOptional(r -> new Stored(toUser(r), r.getPasswordHash()));
    }

    Optional<Stored> findStored(long id) {
        return db.selectFrom(STAFF_USER).where(STAFF_USER.ID.eq(id))
                .fetchOptional(r -> new Stored(toUser(r), r.getPasswordHash()));
    }

    boolean usernameTaken(String username) {
        return db.fetchExists(STAFF_USER, STAFF_USER.USERNAME.eq(username));
    }

    long countActiveAdmins() {
        return db.fetchCount(STAFF_USER, STAFF_USER.ROLE.eq(Role.ADMIN.name()).and(STAFF_USER.ACTIVE.isTrue()));
    }

    long count() {
        return db.fetchCount(STAFF_USER);
    }

    Page<StaffUser> list(int page, int size) {
        long total = db.fetchCount(STAFF_USER);
        var items = db.selectFrom(STAFF_USER).orderBy(STAFF_USER.USERNAME)
                .limit(size).offset((long) (page - 1) * size).fetch(UserRepository::toUser);
        return new Page<>(items, total, page, size);
    }

    /** Updates the profile if {@code version} is still the current one; false when it is stale. */
    boolean update(long id, long version, String displayName, String email, Role role, boolean active, Instant now) {
        return db.update(STAFF_USER)
                .set(STAFF_USER.DISPLAY_NAME, displayName)
                .set(STAFF_USER.EMAIL, email)
                .set(STAFF_USER.ROLE, role.name())
                .set(STAFF_USER.ACTIVE, active)
                .set(STAFF_USER.VERSION, version + 1)
                .set(STAFF_USER.UPDATED_AT, Clocks.utc(now))
                .where(STAFF_USER.ID.eq(id).and(STAFF_USER.VERSION.eq(version)))
                .execute() == 1;
    }

    void setPassword(long id, String passwordHash, Instant now) {
        db.update(STAFF_USER)
                .set(STAFF_USER.PASSWORD_HASH, passwordHash)
                .set(STAFF_USER.VERSION, STAFF_USER.VERSION.plus(1))
                .set(STAFF_USER.UPDATED_AT, Clocks.utc(now))
                .where(STAFF_USER.ID.eq(id))
                .execute();
    }

    private static StaffUser toUser(StaffUserRecord r) {
        return new StaffUser(r.getId(), r.getUsername(), r.getDisplayName(), r.getEmail(), Role.valueOf(r.getRole()),
                r.getActive(), r.getVersion(), Clocks.instant(r.getCreatedAt()), Clocks.instant(r.getUpdatedAt()));
    }
}
