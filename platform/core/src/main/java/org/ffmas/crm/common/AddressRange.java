package org.ffmas.crm.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A block of IP addresses, written in CIDR form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or as
 * one address. Parsing never looks a name up in DNS: only address literals are accepted, so that
 * a setting means the same on every node and at every start.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * @param text {@code address} or {@code address/prefix}
     * @throws IllegalArgumentException when it is not an IP address literal with a prefix in range
     */
    public static AddressRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + trimmed + "' has no prefix length after the /");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + trimmed + "' has a prefix length outside 0–" + max);
            }
        }
        return new AddressRange(masked(bytes, prefix), prefix, trimmed);
    }

    /** Whether this block holds the address (an IPv4 address never matches an IPv6 block, and back). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    /**
     * The address an IP literal names, without any DNS look-up.
     *
     * @throws IllegalArgumentException when it is not an IPv4 or IPv6 literal
     */
    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByAddress(literal(literal.trim()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
    }

    private static byte[] literal(String address) {
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !address.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address (names are not accepted)");
        }
        if (v4 && Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: no DNS look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
