package org.ffmas.crm.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What failed logins are counted under: one name however it is spelt, one IPv6 subscriber whatever its address. */
class LoginKeysTest {

    @Test
    void spellingsOfANameAreOneName() {
        for (String s : new String[] {"admin", "Admin", "ADMIN", "admín", "ÀDMÎN", "ＡＤＭＩＮ", " admin "}) {
            assertThat(LoginThrottle.normalise(s)).as(s).isEqualTo("admin");
        }
        assertThat(LoginThrottle.normalise("Strauß")).isEqualTo(LoginThrottle.normalise("STRAUSS"));
        assertThat(LoginThrottle.normalise("ﬁona")).isEqualTo("fiona");
        assertThat(LoginThrottle.normalise("admin2")).isNotEqualTo("admin");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(LoginThrottle.countedAddress("2001:db8:1:2:3:4:5:6")).isEqualTo(LoginThrottle.countedAddress("2001:db8:1:2:ffff::1"))
                .endsWith("/64");
        assertThat(LoginThrottle.countedAddress("2001:db8:1:2::1")).isNotEqualTo(LoginThrottle.countedAddress("2001:db8:1:3::1"));
        assertThat(LoginThrottle.countedAddress("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(LoginThrottle.countedAddress("not-an-address")).isEqualTo("not-an-address");
    }
}
