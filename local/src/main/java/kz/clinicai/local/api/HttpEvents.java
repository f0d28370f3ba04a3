package kz.clinicai.local.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.clinicai.local.aws.LocalWorld;
import kz.clinicai.shared.json.Json;

/** Builds the payload format 2.0 event API Gateway (and a function URL) sends for one HTTP request. */
final class HttpEvents {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpEvents() {
    }

    /**
     * @param rawPath the path the function sees (for a function URL: without the local /_url/F prefix)
     * @param apiId "local" for the HTTP API, the URL id for a function URL
     */
    static ObjectNode of(WireRequest request, String rawPath, String routeKey, Map<String, String> pathParameters,
                         String apiId, String domainName, Instant now) {
        byte[] body = request.body();
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        String rawQuery = request.rawQuery();
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach(header -> {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String c : header.value().split(";")) {
                    if (!c.isBlank()) {
                        cookies.add(c.trim());
                    }
                }
            } else {
                headers.merge(lower, header.value(), (a, b) -> a + "," + b);
            }
        });
        String sourceIp = request.remote().getAddress().getHostAddress();
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", String.valueOf(request.localPort()));
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);

        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(key, value, (a, b) -> a + "," + b);
            }
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LocalWorld.ACCOUNT);
        context.put("apiId", apiId);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("\\.")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", rawPath);
        http.put("protocol", request.protocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** API Gateway passes text bodies as they are and base64-encodes everything else. */
    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
    }

    /** Like API Gateway's ids: 16 url-safe characters. */
    private static String requestId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
