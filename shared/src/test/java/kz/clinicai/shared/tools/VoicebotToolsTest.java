package kz.clinicai.shared.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoicebotToolsTest {

    @Test
    void theResourceDescribesEveryToolTheCodeRunsStrictlyAndInItsOrder() {
        assertThat(VoicebotTools.ALL).extracting(FunctionTool::name).containsExactly(VoicebotTools.GET_APPOINTMENT,
                VoicebotTools.FIND_FREE_TIMES, VoicebotTools.BOOK_TIME, VoicebotTools.CHOOSE_OFFERED_TIME,
                VoicebotTools.CANCEL_APPOINTMENT, VoicebotTools.CONFIRM_APPOINTMENT, VoicebotTools.NOT_UNDERSTOOD);
        assertThat(VoicebotTools.ALL).allSatisfy(tool -> {
            assertThat(tool.strict()).contains(true);
            assertThat(tool.description()).hasValueSatisfying(d -> assertThat(d).isNotBlank());
            Map<String, JsonValue> schema = tool.parameters().orElseThrow()._additionalProperties();
            assertThat(schema.get("additionalProperties")).isEqualTo(JsonValue.from(false));
            // Strict mode: every property is required.
            assertThat(schema.get("required").convert(java.util.List.class))
                    .containsExactlyElementsOf(((Map<?, ?>) schema.get("properties").convert(Map.class)).keySet()
                            .stream().map(Object::toString).toList());
        });
    }

    @Test
    void theArgumentsTheToolsTakeAreTheOnesTheExecutorReads() {
        Map<String, FunctionTool> byName = new java.util.HashMap<>();
        VoicebotTools.ALL.forEach(t -> byName.put(t.name(), t));

        assertThat(properties(byName.get(VoicebotTools.FIND_FREE_TIMES))).containsExactly("date", "preferred_time");
        assertThat(properties(byName.get(VoicebotTools.BOOK_TIME))).containsExactly("date", "time");
        assertThat(properties(byName.get(VoicebotTools.CHOOSE_OFFERED_TIME))).containsExactly("option");
        assertThat(properties(byName.get(VoicebotTools.CANCEL_APPOINTMENT))).isEmpty();
    }

    private static java.util.List<String> properties(FunctionTool tool) {
        return ((Map<?, ?>) tool.parameters().orElseThrow()._additionalProperties().get("properties")
                .convert(Map.class)).keySet().stream().map(Object::toString).toList();
    }
}
