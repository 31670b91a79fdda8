package org.ffmas.crm.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void aBlockHoldsItsAddressesOnly() throws Exception {
        AddressRange block = AddressRange.parse("10.1.0.0/16");
        assertThat(block.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(AddressRange.parse("192.168.1.10").contains(InetAddress.getByName("192.168.1.10"))).isTrue();
        assertThat(AddressRange.parse("192.168.1.10").contains(InetAddress.getByName("192.168.1.11"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(InetAddress.getByName("172.31.1.1"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(InetAddress.getByName("172.32.0.1"))).isFalse();
    }

    @Test
    void ipv6BlocksAndFamiliesAreKeptApart() throws Exception {
        assertThat(AddressRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(AddressRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void namesAndBadPrefixesAreRefusedWithoutALookUp() {
        assertThatThrownBy(() -> AddressRange.parse("proxy.example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names are not accepted");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/40")).hasMessageContaining("0–32");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).hasMessageContaining("no prefix length");
        assertThatThrownBy(() -> AddressRange.parse("300.1.1.1")).hasMessageContaining("not an IP address");
    }
}
