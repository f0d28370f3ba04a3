package kz.clinicai.analytics.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One thing the customer wants judged in every call; one sheet column (its {@code title}) plus one evidence column.
 *
 * @param key          stable id in the analysis JSON ({@code [a-z][a-z0-9_]*}); renaming the title keeps it
 * @param title        the column header
 * @param type         {@code enum} (one of {@code values}), {@code boolean}, {@code score} (integer 0–10) or
 *                     {@code text} (a short free text)
 * @param values       the allowed values of an {@code enum}; absent for other types
 * @param instructions what the model should look for
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Criterion(String key, String title, String type, List<String> values, String instructions) {

    public static final List<String> TYPES = List.of("enum", "boolean", "score", "text");

    public Criterion {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
