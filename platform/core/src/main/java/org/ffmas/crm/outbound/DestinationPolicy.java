package org.ffmas.crm.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ffmas.crm.api.http.RefusedDestinationException;
import org.ffmas.crm.common.AddressRange;

/**
 * Which addresses outbound calls may reach: public ones, and those the administrators allowed
 * ({@code http.outboundAllowlist}: host names, addresses, CIDR blocks). Checked on the address a
 * connection is opened to, so that a DNS answer cannot change between the check and the connection.
 */
public final class DestinationPolicy {

    /** The blocks refused, with what they are (for the message). */
    private record Block(AddressRange range, String what) {}

    private static final List<Block> REFUSED = List.of(
            block("0.0.0.0/8", "an unspecified address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a shared (CGNAT) address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "a reserved address"),
            block("192.168.0.0/16", "a private address"),
            block("198.18.0.0/15", "a reserved address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("::/128", "an unspecified address"),
            block("::1/128", "a loopback address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"),
            block("fc00::/7", "a private address"),
            block("ff00::/8", "a multicast address"));

    /** Cloud metadata endpoints: allowed only when listed themselves, never through a wider block. */
    private static final List<AddressRange> METADATA = List.of(AddressRange.parse("169.254.169.254"), AddressRange.parse("fd00:ec2::254"));
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata");

    private final Set<String> allowedHosts;
    private final List<AddressRange> allowedRanges;

    private DestinationPolicy(Set<String> allowedHosts, List<AddressRange> allowedRanges) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
    }

    /** @param allowlist the {@code http.outboundAllowlist} entries: host names, IP addresses or CIDR blocks */
    public static DestinationPolicy allowing(List<String> allowlist) {
        List<String> hosts = new ArrayList<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : allowlist) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            try {
                ranges.add(AddressRange.parse(e));
            } catch (IllegalArgumentException notAnAddress) {
                hosts.add(e.endsWith(".") ? e.substring(0, e.length() - 1) : e);
            }
        }
        return new DestinationPolicy(Set.copyOf(hosts), List.copyOf(ranges));
    }

    /**
     * Refuses a connection to {@code address} for a URL naming {@code host}, unless it is public or allowed.
     *
     * @throws RefusedDestinationException naming the host and why
     */
    public void check(String host, InetAddress address) throws RefusedDestinationException {
        String name = normalised(host);
        if (allowedHosts.contains(name)) {
            return;
        }
        InetAddress effective = embeddedIpv4(address).orElse(address);
        boolean metadata = METADATA_NAMES.contains(name) || METADATA.stream().anyMatch(m -> m.contains(effective) || m.contains(address));
        if (metadata) {
            if (METADATA.stream().anyMatch(m -> allowedRanges.stream().anyMatch(a -> a.equals(m) && (m.contains(effective) || m.contains(address))))) {
                return;
            }
            throw refused(host, "a cloud metadata endpoint");
        }
        if (allowedRanges.stream().anyMatch(r -> r.contains(address) || r.contains(effective))) {
            return;
        }
        for (Block b : REFUSED) {
            if (b.range().contains(effective) || b.range().contains(address)) {
                throw refused(host, b.what());
            }
        }
    }

    private static RefusedDestinationException refused(String host, String what) {
        return new RefusedDestinationException("outbound call to " + host + " refused: it is " + what
                + "; add it to http.outboundAllowlist to allow it");
    }

    private static String normalised(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The IPv4 address an IPv6 one carries: IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}), 6to4 ({@code 2002::/16}). */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean compatible = allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
        boolean mapped = allZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12);
        if (compatible || mapped || nat64) {
            return Optional.of(v4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(v4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address v4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static Block block(String cidr, String what) {
        return new Block(AddressRange.parse(cidr), what);
    }
}
