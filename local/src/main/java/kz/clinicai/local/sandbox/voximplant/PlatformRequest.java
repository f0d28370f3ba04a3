package kz.clinicai.local.sandbox.voximplant;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kz.clinicai.local.sandbox.SandboxExchange;

/**
 * One management API request as Voximplant takes it: the method from the path ({@code /platform_api/{Method}},
 * optionally with a trailing slash as the documentation's examples write it) or from the {@code cmd} parameter
 * ({@code /platform_api}, how the official Node and Python clients call); parameters from the query string and from
 * an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body (the Node client's encoding).
 * A body of any other type is refused rather than ignored.
 */
record PlatformRequest(String method, Map<String, String> params) {

    /** @param apiPath the path below {@code /platform_api} ("" or "/" or "/{Method}[/]") */
    static PlatformRequest parse(SandboxExchange exchange, String apiPath) throws IOException, PlatformError {
        Map<String, String> params = new LinkedHashMap<>(exchange.query());
        byte[] body = exchange.method().equals("POST") ? exchange.body() : new byte[0];
        if (body.length > 0) {
            String type = exchange.header("Content-Type").orElse("");
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("application/x-www-form-urlencoded")) {
                params.putAll(form(new String(body, StandardCharsets.UTF_8)));
            } else if (lower.startsWith("multipart/form-data")) {
                params.putAll(multipart(body, boundary(type)));
            } else {
                throw new PlatformError(PlatformError.INVALID_ARGUMENTS, "Invalid arguments: a request body must be "
                        + "application/x-www-form-urlencoded or multipart/form-data, not '" + type + "'");
            }
        }
        String fromPath = apiPath.replaceAll("^/+|/+$", "");
        String cmd = params.remove("cmd");
        String method = fromPath.isEmpty() ? cmd : fromPath;
        if (method == null || method.isBlank()) {
            throw new PlatformError(PlatformError.MISSING_CMD, "Missing 'cmd' parameter");
        }
        return new PlatformRequest(method, params);
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String boundary(String contentType) throws PlatformError {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9);
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw new PlatformError(PlatformError.INVALID_ARGUMENTS, "Invalid arguments: multipart body without a boundary");
    }

    /** RFC 7578 form fields; each part's value read as UTF-8 text (the API takes no file uploads we use). */
    static Map<String, String> multipart(byte[] body, String boundary) throws PlatformError {
        // ISO-8859-1 maps bytes 1:1, so offsets found in the string are byte offsets.
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        Map<String, String> out = new LinkedHashMap<>();
        int at = raw.indexOf(delimiter);
        if (at < 0) {
            throw new PlatformError(PlatformError.INVALID_ARGUMENTS, "Invalid arguments: malformed multipart body");
        }
        while (true) {
            int lineEnd = raw.indexOf("\r\n", at + delimiter.length());
            if (raw.startsWith("--", at + delimiter.length())) {
                return out;
            }
            if (lineEnd < 0) {
                throw new PlatformError(PlatformError.INVALID_ARGUMENTS, "Invalid arguments: malformed multipart body");
            }
            int headersEnd = raw.indexOf("\r\n\r\n", lineEnd);
            int next = raw.indexOf("\r\n" + delimiter, headersEnd < 0 ? lineEnd : headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new PlatformError(PlatformError.INVALID_ARGUMENTS, "Invalid arguments: malformed multipart body");
            }
            String name = null;
            for (String header : raw.substring(lineEnd + 2, headersEnd).split("\r\n")) {
                if (header.regionMatches(true, 0, "Content-Disposition:", 0, 20)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bname=\"([^\"]*)\"").matcher(header);
                    if (m.find()) {
                        name = new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    }
                }
            }
            if (name == null) {
                throw new PlatformError(PlatformError.INVALID_ARGUMENTS,
                        "Invalid arguments: a multipart part without Content-Disposition name");
            }
            byte[] value = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            out.put(name, new String(value, StandardCharsets.UTF_8));
            at = next + 2;
        }
    }
}
