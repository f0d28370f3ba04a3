package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import kz.clinicai.shared.json.Json;

/**
 * The date by which the simulator retires models, at {@code POST /openai/_control/clock}: {@code {"date":
 * "2027-01-14"}} moves it (tests, the local stack), {@code {"date": null}} returns to the sandbox clock's date (UTC, as
 * OpenAI counts shutdown days; the real date in the local stack), which is also what {@link #reset()} does. Only model lifecycle follows this date; response
 * timestamps keep the sandbox's clock.
 */
final class ModelClock {

    private final Clock real;
    private volatile LocalDate moved;

    ModelClock(Clock real) {
        this.real = real;
    }

    LocalDate today() {
        LocalDate m = moved;
        return m != null ? m : LocalDate.ofInstant(real.instant(), ZoneOffset.UTC);
    }

    /** Applies a control body; returns the state, or throws IllegalArgumentException for a bad value. */
    ObjectNode apply(JsonNode body) {
        if (!body.has("date")) {
            throw new IllegalArgumentException("date is required: \"YYYY-MM-DD\", or null for the real date");
        }
        JsonNode date = body.get("date");
        if (date.isNull()) {
            moved = null;
        } else {
            try {
                moved = LocalDate.parse(date.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("date must be YYYY-MM-DD or null, not " + date);
            }
        }
        return state();
    }

    ObjectNode state() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("date", today().toString());
        out.put("moved", moved != null);
        return out;
    }

    void reset() {
        moved = null;
    }
}
