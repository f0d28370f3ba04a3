package kz.clinicai.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Event(Instant at, LocalDate day, String note, Optional<String> tag) {
    }

    record Counter(String name, int count) {
    }

    record Stamp(OffsetDateTime at) {
    }

    @Test
    void isOneSharedInstance() {
        assertThat(Json.mapper()).isSameAs(Json.mapper());
    }

    @Test
    void writesDatesAsIsoStringsAndOmitsNulls() throws Exception {
        Instant at = Instant.parse("2024-04-09T06:31:23.609730Z");
        String json = Json.mapper().writeValueAsString(
                new Event(at, LocalDate.of(2025, 1, 29), null, Optional.of("x")));

        assertThat(json).isEqualTo(
                "{\"at\":\"2024-04-09T06:31:23.609730Z\",\"day\":\"2025-01-29\",\"tag\":\"x\"}");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        Event event = new Event(Instant.parse("2024-04-09T06:31:23.609730Z"), LocalDate.of(2025, 1, 29), "n",
                Optional.empty());

        Event read = Json.mapper().readValue(Json.mapper().writeValueAsString(event), Event.class);

        assertThat(read).isEqualTo(event);
    }

    @Test
    void ignoresUnknownProperties() throws Exception {
        Counter counter = Json.mapper().readValue("{\"name\":\"a\",\"count\":2,\"added_later\":true}", Counter.class);

        assertThat(counter).isEqualTo(new Counter("a", 2));
    }

    @Test
    void rejectsNullForPrimitives() {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"name\":\"a\",\"count\":null}", Counter.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void keepsTheOffsetOfAReadTimestamp() throws Exception {
        Stamp stamp = Json.mapper().readValue("{\"at\":\"2025-01-29T10:30:00+05:00\"}", Stamp.class);

        assertThat(stamp.at().getOffset().getTotalSeconds()).isEqualTo(5 * 3600);
        assertThat(stamp.at().getHour()).isEqualTo(10);
    }
}
