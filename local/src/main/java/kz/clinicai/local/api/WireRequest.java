package kz.clinicai.local.api;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 request as {@link HttpWire} read it: the raw request target (not decoded), headers in arrival order
 * with their names as sent, and the whole body.
 */
record WireRequest(String method, String rawPath, String rawQuery, String protocol, List<Header> headers,
                   byte[] body, InetSocketAddress remote, int localPort) {

    record Header(String name, String value) {
    }

    /** The first value of a header, by case-insensitive name. */
    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /** Every value of a header, by case-insensitive name. */
    List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        headers.forEach(h -> {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        });
        return values;
    }

    String lowerMethod() {
        return method.toLowerCase(Locale.ROOT);
    }
}
