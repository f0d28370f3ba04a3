package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kz.clinicai.shared.json.Json;

/**
 * A read-only view of an API Gateway HTTP API request (payload format 2.0) that tolerates the event's nulls:
 * API Gateway and the local emulator leave {@code headers}, {@code queryStringParameters} and
 * {@code pathParameters} null when there are none.
 */
public final class HttpRequest {

    /**
     * Request bodies are read strictly: a JSON number or boolean is not a string ({@code "message": 5}), a string
     * is not a number ({@code "temperature": "NaN"}). The shared mapper stays lenient for queue messages and
     * stored documents we wrote ourselves.
     */
    private static final JsonMapper STRICT = strict();

    private static JsonMapper strict() {
        JsonMapper mapper = Json.mapper().copy();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // Jackson reads the strings "NaN" and "Infinity" as doubles before any coercion rule applies.
        mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("strict-numbers")
                .addDeserializer(Double.class, new JsonNumberOnly<>(Double.class, com.fasterxml.jackson.core.JsonParser::getDoubleValue))
                .addDeserializer(Float.class, new JsonNumberOnly<>(Float.class, com.fasterxml.jackson.core.JsonParser::getFloatValue)));
        return mapper;
    }

    /** A floating-point value that must be a JSON number (never a string such as "NaN" or "0.5"). */
    private static final class JsonNumberOnly<T> extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<T> {
        private final Class<T> type;
        private final NumberReader<T> reader;

        JsonNumberOnly(Class<T> type, NumberReader<T> reader) {
            super(type);
            this.type = type;
            this.reader = reader;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws IOException {
            if (p.currentToken() != null && p.currentToken().isNumeric()) {
                return reader.read(p);
            }
            return (T) ctxt.handleUnexpectedToken(type, p);
        }
    }

    private interface NumberReader<T> {
        T read(com.fasterxml.jackson.core.JsonParser p) throws IOException;
    }

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers;
    private final Map<String, String> pathParams;
    private byte[] body;

    private HttpRequest(APIGatewayV2HTTPEvent event, Map<String, String> headers, Map<String, String> pathParams) {
        this.event = event;
        this.headers = headers;
        this.pathParams = pathParams;
    }

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        Objects.requireNonNull(event, "event");
        // HTTP header names are case-insensitive; API Gateway lower-cases them, other senders may not.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.merge(name, value, (a, b) -> a + "," + b);
                }
            });
        }
        return new HttpRequest(event, headers, nonNull(event.getPathParameters()));
    }

    /** Upper-case HTTP method, or "" if the event carries none. */
    public String method() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getMethod() == null ? "" : http.getMethod().toUpperCase(Locale.ROOT);
    }

    /** The raw path as the client sent it (not decoded), e.g. {@code /voicebot/clinic-1/v1/}. */
    public String path() {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getPath() == null ? "/" : http.getPath();
    }

    /** A header by case-insensitive name; repeated headers arrive comma-joined. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * The caller's credential: {@code Authorization: Bearer <token>}, else {@code X-Api-Key}; trimmed. The one place
     * that reads credentials, so every API accepts the same two forms.
     */
    public Optional<String> credential() {
        String authorization = header("authorization").orElse("").trim();
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim()).filter(t -> !t.isEmpty());
        }
        return header("x-api-key").map(String::trim).filter(t -> !t.isEmpty());
    }

    /**
     * {@link #credential()}, else the query parameter {@code token}: only for callers that cannot set headers
     * (the ACS robot posts to a configured URL), since a query string ends up in access logs.
     */
    public Optional<String> credentialOrQueryToken() {
        return credential().or(() -> queryParam("token").map(String::trim).filter(t -> !t.isEmpty()));
    }

    /** A query parameter; repeated parameters arrive comma-joined. */
    public Optional<String> queryParam(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(pathParams.get(name));
    }

    /** The body's bytes, base64-decoded when API Gateway encoded it (binary media types); empty if none. */
    public byte[] bodyBytes() {
        return rawBody().clone();
    }

    public String bodyText() {
        return new String(rawBody(), StandardCharsets.UTF_8);
    }

    /** The client's address as API Gateway saw it, or "" if unknown. */
    public String sourceIp() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getSourceIp() == null ? "" : http.getSourceIp();
    }

    /** API Gateway's request id (quote it in logs and support tickets), or "" if unknown. */
    public String requestId() {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "" : context.getRequestId();
    }

    /** The event as API Gateway delivered it, for what this view does not cover (cookies, authorizer, stage). */
    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    /**
     * The body as JSON of {@code type}.
     *
     * @throws ApiException 413 {@code payload_too_large} above {@code maxBytes}; 415 {@code unsupported_media_type}
     *                      if a Content-Type other than application/json is given (none is accepted);
     *                      400 {@code malformed_json} if the body is empty, not JSON or not of the expected shape
     */
    public <T> T readJson(Class<T> type, int maxBytes) {
        header("Content-Type").ifPresent(HttpRequest::requireJsonMediaType);
        byte[] bytes = rawBody();
        if (bytes.length > maxBytes) {
            throw ApiException.payloadTooLarge(maxBytes);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw malformed("Request body is empty");
        }
        T value;
        try {
            value = STRICT.readerFor(type)
                    // "{...} garbage" is a broken client, not a valid object.
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(bytes);
        } catch (JsonProcessingException e) {
            throw malformed(describe(e));
        } catch (IOException e) {
            throw malformed("Request body could not be read");
        }
        if (value == null) {
            throw malformed("Request body must be a JSON " + shapeOf(type));
        }
        return value;
    }

    private byte[] rawBody() {
        if (body == null) {
            body = decodeBody();
        }
        return body;
    }

    private byte[] decodeBody() {
        String text = event.getBody();
        if (text == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_body", "Request body is not valid base64");
        }
    }

    private static void requireJsonMediaType(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim();
        if (!mediaType.equalsIgnoreCase("application/json")) {
            throw ApiException.unsupportedMediaType("Content-Type must be application/json");
        }
    }

    // Jackson's own messages quote the offending input; these say where the problem is and nothing of the body.
    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            var location = e.getLocation();
            return location == null
                    ? "Request body is not valid JSON"
                    : "Request body is not valid JSON (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + ")";
        }
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return "Request body has content after the JSON value";
        }
        if (e instanceof MismatchedInputException mismatch && field.isEmpty()) {
            return "Request body must be a JSON " + shapeOf(mismatch.getTargetType());
        }
        return field.isEmpty()
                ? "Request body does not have the expected shape"
                : "Field '" + field + "' is missing or has the wrong type or value";
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String shapeOf(Class<?> type) {
        if (type == null) {
            return "value of the expected type";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type == String.class || Number.class.isAssignableFrom(type) || type.isPrimitive()
                || type == Boolean.class) {
            return "scalar";
        }
        return "object";
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest("malformed_json", message);
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(map);
    }
}
