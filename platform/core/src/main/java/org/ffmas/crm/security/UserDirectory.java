package org.ffmas.crm.security;

/** What other features may ask about staff users, without reaching into the security tables. */
public final class UserDirectory {

    private final UserRepository users;

    public UserDirectory(UserRepository users) {
        this.users = users;
    }

    /** Whether this id names an active staff account (e.g. to own a company). */
    public boolean isActiveUser(long id) {
        return users.find(id).map(StaffUser::active).orElse(false);
    }
}
