package org.ffmas.crm.security;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.AuthSettings;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Staff accounts, logins, API tokens and the filter that checks every request; the first admin on an empty database. */
public final class SecurityModule implements Managed {

    private static final Logger log = LoggerFactory.getLogger(SecurityModule.class);

    private final Optional<String> adminPassword;
    private final UserService users;
    private final AuthService auth;
    private final TokenService tokens;
    private final UserDirectory directory;

    public SecurityModule(Database database, AuditService audit, Clock clock, AuthSettings settings, Optional<String> adminPassword) {
        this.adminPassword = adminPassword;
        UserRepository userRepository = new UserRepository(database.dsl());
        CredentialRepository credentials = new CredentialRepository(database.dsl());
        PasswordHasher hasher = new PasswordHasher();
        this.users = new UserService(database, userRepository, credentials, hasher, new PasswordPolicy(), audit, clock);
        LoginThrottle throttle = new LoginThrottle(database, new LoginAttemptRepository(database.dsl()), settings);
        this.auth = new AuthService(userRepository, credentials, hasher, throttle, settings, audit, clock);
        this.tokens = new TokenService(database, credentials, audit, clock);
        this.directory = new UserDirectory(userRepository);
    }

    @Override
    public void start() {
        users.ensureFirstAdmin(adminPassword).ifPresent(password ->
                log.warn("first start: created the user 'admin' with the generated password {} - it is shown only this once; change it", password));
    }

    public AuthService auth() {
        return auth;
    }

    public UserService users() {
        return users;
    }

    public TokenService tokens() {
        return tokens;
    }

    /** Staff members' names and roles, for the features that show or check them. */
    public UserDirectory directory() {
        return directory;
    }

    @Override
    public List<Object> webResources() {
        return List.of(new AuthResource(auth, users, tokens), new UserResource(users), new TokenResource(tokens), new AccessFilter(auth));
    }
}
