package kz.clinicai.calls.reminders;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a reminder list's {@code webhook_url} may be: {@code https://host[:port]/path[?query]}, no user info, no
 * fragment, at most 2048 characters, and not to this machine or a private network by its literal address (the
 * platform must not be turned into a probe of its own network). Plain {@code http://} only to a loopback host, and
 * only where the stack is local ({@code REMINDERS_WEBHOOK_LOOPBACK_HTTP}, the template's default false), like the
 * console's stack API, which is plain http only on the local emulator's loopback domain.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2048;
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private WebhookUrls() {
    }

    /** Why the URL is refused, or empty when it is fine. */
    static Optional<String> problem(String url, boolean loopbackHttp) {
        if (url.isBlank() || url.length() > MAX_LENGTH) {
            return Optional.of("'webhook_url' must be an https URL of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("'webhook_url' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null || !uri.isAbsolute()) {
            return Optional.of("'webhook_url' must be https://host[:port]/path, without user info or #fragment");
        }
        boolean loopback = LOOPBACK_NAMES.contains(host) || isLoopbackLiteral(host);
        if (scheme.equals("http") && loopback && loopbackHttp) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("'webhook_url' must use https" + (loopbackHttp ? " (plain http only to a loopback host)"
                    : ""));
        }
        if (loopback || isPrivateLiteral(host)) {
            return Optional.of("'webhook_url' must point to a public host, not " + host);
        }
        try {
            IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            return Optional.of("'webhook_url' has an invalid host name");
        }
        return Optional.empty();
    }

    private static boolean isLoopbackLiteral(String host) {
        return literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static boolean isPrivateLiteral(String host) {
        return literal(host).map(a -> a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isLoopbackAddress() || a.isMulticastAddress()
                // fc00::/7, unique local IPv6 (Java calls only fec0::/10 site-local)
                || a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc).orElse(false);
    }

    /** The address when the host is an IP literal (never a DNS lookup). */
    private static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return Optional.empty();
        }
        if (!h.contains(":") && java.util.Arrays.stream(h.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
            return Optional.empty(); // not an address (and never looked up as a name)
        }
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
