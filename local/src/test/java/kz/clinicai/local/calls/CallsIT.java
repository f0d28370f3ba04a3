package kz.clinicai.local.calls;

import static kz.clinicai.local.calls.CallsWorld.awaitStatus;
import static kz.clinicai.local.calls.CallsWorld.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AI phone calls end to end on the real template: POST /calls → the calls function → Voximplant simulator's
 * StartScenarios → the repo's scenario JavaScript in GraalJS → signed webhook (function URL) → the OpenAI sandbox's
 * rule model → the scenario speaks → the scripted callee answers. Each test calls its own number.
 */
class CallsIT {

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    private static String start(String phone, String mode) {
        HttpResponse<String> r = CallsWorld.startCall(Map.of("phone", phone, "mode", mode,
                "timezone", CallsWorld.zone(true), "metadata", Map.of("lead", "it-" + phone)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = PlatformStackFixture.json(r);
        assertThat(created.path("status").asText()).isEqualTo("pending");
        assertThat(created.path("phone").asText()).isEqualTo(phone);
        return created.path("call_id").asText();
    }

    @Test
    void asrCallGreetsTalksWithHistoryAndEnds() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Да, слушаю вас внимательно."),
                says("А какие у вас цены на чистку зубов?"), says("Понятно, спасибо, до свидания.")));
        String id = start(phone, "asr");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns.get(0)).startsWith("assistant|greeting|Здравствуйте!");
        assertThat(turns).contains("user||Да, слушаю вас внимательно.", "user||А какие у вас цены на чистку зубов?",
                "user||Понятно, спасибо, до свидания.");
        // the rule model echoes the latest user text: each reply answered that turn
        assertThat(turns.get(2)).startsWith("assistant||").contains("Да, слушаю вас внимательно.");
        assertThat(turns.get(4)).startsWith("assistant||").contains("А какие у вас цены");
        assertThat(turns.get(turns.size() - 1)).isEqualTo("assistant|end|Спасибо, до свидания!");
        // history: the second turn's model request carried the first turn too
        assertThat(CallsWorld.modelRequestsMentioning("А какие у вас цены на чистку зубов?"))
                .anySatisfy(req -> assertThat(req.path("body").toString()).contains("Да, слушаю вас внимательно."));
        assertThat(call.path("outcome").path("outcome").asText()).isNotBlank();
        assertThat(call.path("summary").asText()).isNotBlank();
        assertThat(call.path("metadata").path("lead").asText()).isEqualTo("it-" + phone);
        // what the simulator heard the scenario say is what the platform stored
        assertThat(CallsWorld.lines(id, "bot")).containsExactlyElementsOf(call.findValues("turns").get(0)
                .findValuesAsText("role").isEmpty() ? List.of() : assistantTexts(call));
    }

    private static List<String> assistantTexts(JsonNode call) {
        return CallsWorld.turns(call).stream().filter(t -> t.startsWith("assistant|"))
                .map(t -> t.substring(t.indexOf('|', "assistant|".length()) + 1)).toList();
    }
}
