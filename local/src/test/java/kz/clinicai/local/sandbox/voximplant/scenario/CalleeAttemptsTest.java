package kz.clinicai.local.sandbox.voximplant.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/** The control body of {@code POST /voximplant/_control/callees}: one callee, or one per attempt. */
class CalleeAttemptsTest {

    private static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachDialReachesTheNextAttemptAndTheLastAnswersEveryLaterDial() {
        List<Callee> attempts = Callee.parseAttempts(json("""
                {"phone": "+77010000001", "attempts": [
                  {"answer": "no_answer"},
                  {"answer": "human", "utterances": ["Да, приду.", {"silence": true}]}]}"""));
        ScenarioRuntime.Attempts script = new ScenarioRuntime.Attempts(attempts, new AtomicInteger());

        assertThat(script.next().answer()).isEqualTo("no_answer");
        Callee second = script.next();
        assertThat(second.answer()).isEqualTo("human");
        assertThat(second.utterances()).extracting(Callee.Utterance::text).containsExactly("Да, приду.", "");
        assertThat(second.utterances().get(1).silence()).isTrue();
        assertThat(script.next()).isSameAs(second);
        assertThat(script.dialled().get()).isEqualTo(3);
    }

    @Test
    void aSingleCalleeAnswersEveryDial() {
        List<Callee> one = Callee.parseAttempts(json("""
                {"phone": "+77010000001", "answer": "voicemail", "utterances": []}"""));
        assertThat(one).singleElement().satisfies(c -> assertThat(c.answer()).isEqualTo("voicemail"));
    }

    @Test
    void badScriptsAreRefused() {
        assertThatThrownBy(() -> Callee.parseAttempts(json("{\"attempts\": []}")))
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> Callee.parseAttempts(json("{\"attempts\": [{\"answer\": \"human\"}], \"answer\": \"busy\"}")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> Callee.parseAttempts(json("{\"attempts\": [{\"answer\": \"maybe\"}]}")))
                .hasMessageContaining("answer must be");
    }
}
