package kz.clinicai.shared.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The platform's one JSON mapper: HTTP bodies, queue messages and stored documents all read and write the same
 * shape, so a field written by one function is read the same way by another.
 */
public final class Json {

    // Building a mapper costs tens of milliseconds and it caches per-type (de)serializers: one per JVM.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            // ISO-8601 strings, readable in logs and by the widget's JavaScript.
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Keep the offset a timestamp was written with; rewriting it to UTC loses the clinic's local time.
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Producers (ACS, Telegram, OpenAI, older versions of our own messages) add fields without notice.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A missing number must not silently become 0.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    /**
     * The shared, thread-safe mapper. Never reconfigure it (that would change every caller's wire format);
     * derive readers and writers ({@code mapper().readerFor(..).with(..)}) or a {@code copy()} instead.
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * The value as JSON text. Everything the platform writes is its own records and maps, so a value Jackson cannot
     * write is a bug, not an input error: it is thrown unchecked instead of being caught at every call site.
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON", e);
        }
    }
}
