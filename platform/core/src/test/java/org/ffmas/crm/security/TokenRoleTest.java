package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * A token's role is at most its creator's. Through the API only admins reach token creation (and
 * a token whose creator lost the role is refused the route, see SecurityApiTest); the service
 * refuses it anyway, for any caller it is given, before anything is stored.
 */
class TokenRoleTest {

    @Test
    void aTokenAboveItsCreatorsRoleIsRefusedNamingTheRole() {
        TokenService tokens = new TokenService(null, null, null, Clock.systemUTC());
        Actor staff = new Actor(7, "pauline", Role.STAFF, Actor.Via.SESSION, "127.0.0.1");
        assertThatThrownBy(() -> tokens.create(staff, "escalade", "ADMIN", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo("role");
                    assertThat(e.errors().get(0).message()).contains("above your own role (STAFF)");
                });
    }

    @Test
    void rolesCompareFromTheMostPowerful() {
        assertThat(AuthService.weaker(Role.ADMIN, Role.STAFF)).isEqualTo(Role.STAFF);
        assertThat(AuthService.weaker(Role.READ_ONLY, Role.ADMIN)).isEqualTo(Role.READ_ONLY);
        assertThat(AuthService.weaker(Role.STAFF, Role.STAFF)).isEqualTo(Role.STAFF);
    }
}
