package kz.clinicai.shared.clinic;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Whether an IP is inside one of a list of IPs / CIDR ranges (IPv4 and IPv6), without any name lookup. */
public final class SourceAddresses {

    private SourceAddresses() {
    }

    public static boolean allowed(String ip, List<String> ranges) {
        if (ranges.isEmpty()) {
            return true;
        }
        byte[] address = literal(ip);
        if (address == null) {
            return false;
        }
        for (String range : ranges) {
            if (contains(range.trim(), address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code range} is an IP literal or a CIDR range this class can match (what a clinic's allowlist may hold). */
    public static boolean valid(String range) {
        if (range == null) {
            return false;
        }
        String r = range.trim();
        int slash = r.indexOf('/');
        byte[] network = literal(slash < 0 ? r : r.substring(0, slash));
        if (network == null) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        try {
            int prefix = Integer.parseInt(r.substring(slash + 1));
            return prefix >= 0 && prefix <= network.length * 8;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean contains(String range, byte[] address) {
        int slash = range.indexOf('/');
        byte[] network = literal(slash < 0 ? range : range.substring(0, slash));
        if (network == null || network.length != address.length) {
            return false;
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(range.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (prefix < 0 || prefix > bits) {
                return false;
            }
        }
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix)
                        .shiftLeft(bits - prefix);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    }

    /** The bytes of an IP literal; null for anything else (a host name is never resolved). */
    private static byte[] literal(String text) {
        if (text == null || text.isBlank() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
