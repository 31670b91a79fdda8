package org.ffmas.crm.outbound;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.ffmas.crm.api.http.RefusedDestinationException;
import org.junit.jupiter.api.Test;

/** Which addresses outbound calls may reach, including those written in disguise. */
class DestinationPolicyTest {

    private static final DestinationPolicy NONE_ALLOWED = DestinationPolicy.allowing(List.of());

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no DNS
    }

    @Test
    void internalAddressesAreRefusedWhateverTheirSpelling() throws Exception {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "100.64.0.1", "169.254.10.10", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
                "ff02::1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::1", "169.254.169.254", "fd00:ec2::254")) {
            assertThatThrownBy(() -> NONE_ALLOWED.check("example.org", ip(address))).as(address)
                    .isInstanceOf(RefusedDestinationException.class).hasMessageContaining("http.outboundAllowlist");
        }
    }

    @Test
    void publicAddressesAreReached() throws Exception {
        for (String address : List.of("8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "193.51.24.1")) {
            assertThatCode(() -> NONE_ALLOWED.check("example.org", ip(address))).as(address).doesNotThrowAnyException();
        }
    }

    @Test
    void theAllowlistOpensHostsAddressesAndBlocksButAMetadataEndpointOnlyByItself() throws Exception {
        DestinationPolicy policy = DestinationPolicy.allowing(List.of("erp.intranet", "10.0.0.0/8", "127.0.0.1", "169.254.0.0/16"));
        assertThatCode(() -> policy.check("ERP.intranet.", ip("192.168.5.5"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("10.9.8.7", ip("10.9.8.7"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("localhost", ip("127.0.0.1"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("device", ip("169.254.1.1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("127.0.0.2", ip("127.0.0.2"))).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> policy.check("169.254.169.254", ip("169.254.169.254"))).hasMessageContaining("metadata");
        assertThatThrownBy(() -> policy.check("metadata.google.internal", ip("8.8.8.8"))).hasMessageContaining("metadata");
        assertThatCode(() -> DestinationPolicy.allowing(List.of("169.254.169.254")).check("169.254.169.254", ip("169.254.169.254")))
                .doesNotThrowAnyException();
    }
}
