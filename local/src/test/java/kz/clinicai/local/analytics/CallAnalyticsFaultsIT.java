package kz.clinicai.local.analytics;

import static kz.clinicai.local.PlatformStackFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Call analytics under faults: OpenAI 429s and timeouts, a worker failing mid-call, Sheets 429s, retries. */
class CallAnalyticsFaultsIT {

    static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void boot() {
        PlatformStackFixture.stack();
        // The seeded demo profile would take the injected faults meant for the tests' calls.
        AnalyticsWorld.disableDemo();
    }

    @AfterEach
    void clearFaults() {
        PlatformStackFixture.send("DELETE", PlatformStackFixture.sandbox("/_control/faults"), null);
        PlatformStackFixture.sandboxPost("/sheets/_control/quota", Map.of("enabled", false));
    }

    @AfterEach
    void retireProfiles() {
        AnalyticsWorld.retireAll();
    }

    @Test
    void openAi429sAndATimeoutAreRetriedAndEveryCallGetsExactlyOneRow() {
        // What the worker's own retries do not absorb, SQS redelivers (after 2 s here, not the real 90 minutes).
        int previous = PlatformStackFixture.visibility("AnalyticsQueue", 2);
        try {
            openAiFaults();
        } finally {
            PlatformStackFixture.visibility("AnalyticsQueue", previous);
        }
    }

    private void openAiFaults() {
        AnalyticsWorld w = AnalyticsWorld.fresh("openai-faults");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(w.addCall(50 - i, CallAnalyticsIT.dialogue("Вопрос про анализы номер " + i + "."), false, 40));
        }
        PlatformStackFixture.sandboxPost("/_control/faults/openai", Map.of("faults", List.of(
                Map.of("status", 429, "retryAfter", 1, "count", 2), Map.of("timeoutMs", 2000))));
        AnalyticsWorld.firePull();
        JsonNode calls = w.awaitFinished(3, WAIT);
        AnalyticsWorld.fireWriter();

        assertThat(calls).allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("analysed"));
        assertThat(w.records()).extracting(r -> r.get("ID звонка"))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
    }

    @Test
    void aWorkerThatFailsMidCallResumesAtTheFirstUnfinishedStep() {
        int previous = PlatformStackFixture.visibility("AnalyticsQueue", 2);
        try {
            AnalyticsWorld w = AnalyticsWorld.fresh("resume");
            // One party speaks once: one transcription request, which fails through all of its attempts (1 + 3
            // retries), so the message goes back to the queue with the recordings already stored.
            long id = w.addCall(45, "Оператор: Алло, вас не слышно, перезвоните, пожалуйста.", false, 40);
            PlatformStackFixture.sandboxPost("/_control/faults/openai", Map.of("faults",
                    List.of(Map.of("status", 500, "count", 4))));
            AnalyticsWorld.firePull();
            JsonNode calls = w.awaitFinished(1, WAIT);
            AnalyticsWorld.fireWriter();

            assertThat(calls.get(0).path("status").asText()).isEqualTo("analysed");
            JsonNode call = w.call(id);
            // Failed deliveries left their errors at the transcription step: the stored recording was reused.
            assertThat(call.path("errors")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.path("step").asText()).isEqualTo("recorded"));
            // The mixed mp3 and the two parties' tracks, stored once.
            assertThat(call.path("recordingKeys")).hasSize(3);
            assertThat(w.records()).singleElement().satisfies(r -> assertThat(r.get("Транскрипт"))
                    .isEqualTo("Оператор: Алло, вас не слышно, перезвоните, пожалуйста."));
        } finally {
            PlatformStackFixture.visibility("AnalyticsQueue", previous);
        }
    }

    @Test
    void aFailedCallHasARowWithItsReasonAndARetryRewritesThatRowInPlace() {
        AnalyticsWorld w = AnalyticsWorld.fresh("retry");
        long id = w.addCall(40, CallAnalyticsIT.dialogue("Сколько стоит МРТ?"), false, 40);
        // A 400 is the caller's mistake in OpenAI's eyes: no retry, the call fails at once.
        PlatformStackFixture.sandboxPost("/_control/faults/openai", Map.of("faults", List.of(Map.of("status", 400))));
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();
        List<Map<String, String>> before = w.records();
        assertThat(before).singleElement().satisfies(r -> {
            assertThat(r.get("Статус")).isEqualTo("ошибка");
            assertThat(r.get("Причина")).contains("OpenAI 400");
        });

        var retried = w.api("POST", "/analytics/profiles/" + w.profileId + "/calls/" + id + "/retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(w.api("POST", "/analytics/profiles/" + w.profileId + "/calls/" + id + "/retry", null).statusCode())
                .isIn(202, 409);
        kz.clinicai.local.chat.Await.until("retried call analysed", WAIT, () ->
                w.call(id).path("status").asText().equalsIgnoreCase("analysed") ? java.util.Optional.of(true)
                        : java.util.Optional.empty());
        AnalyticsWorld.fireWriter();
        List<Map<String, String>> after = w.records();
        assertThat(after).singleElement().satisfies(r -> {
            assertThat(r.get("ID звонка")).isEqualTo(String.valueOf(id));
            assertThat(r.get("Статус")).isEqualTo("проанализирован");
            assertThat(r.get("Причина")).isEmpty();
        });
    }

    @Test
    void sheets429sWaitForTheQuotaAndNoRowIsDroppedOrDoubled() {
        AnalyticsWorld w = AnalyticsWorld.fresh("quota");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(w.addCall(30 - i, CallAnalyticsIT.dialogue("Запись к окулисту " + i + "."), false, 40));
        }
        AnalyticsWorld.firePull();
        w.awaitFinished(3, WAIT);
        // One write a minute: the header takes it, the append meets 429s until the next minute.
        PlatformStackFixture.sandboxPost("/sheets/_control/quota", Map.of("enabled", true, "writesPerMinute", 1,
                "readsPerMinute", 60));
        AnalyticsWorld.fireWriter();
        assertThat(w.records()).extracting(r -> r.get("ID звонка"))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
    }

    @Test
    void aLongCallIsTranscribedTurnByTurnWithSpeakersAndOnlyItsSpeechIsSent() {
        AnalyticsWorld w = AnalyticsWorld.fresh("long");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append(i % 2 == 1 ? "Оператор: " : "Клиент: ").append("Фраза номер ").append(i).append(".\n");
        }
        // 45 minutes, twelve lines of 180 s each (the simulator speaks a line over 80 % of its share of the call).
        long id = w.addCall(120, text.toString().strip(), false, 45 * 60);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        JsonNode call = w.call(id);
        assertThat(call.path("status").asText()).isEqualToIgnoringCase("analysed");
        // Each turn is sent on its own: the 9 minutes of silence between the lines are never paid for.
        assertThat(call.path("audioSeconds").asDouble()).isBetween(12 * 180.0, 12 * 180.0 + 12 * 1.0);
        String transcript = w.records().getFirst().get("Транскрипт");
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            expected.append(i == 1 ? "" : "\n").append(i % 2 == 1 ? "Оператор: " : "Клиент: ").append("Фраза номер ")
                    .append(i).append(".");
        }
        assertThat(transcript).isEqualTo(expected.toString());
    }

    @Test
    void aLongMixedRecordingIsSplitOnFrameBoundariesAndTranscribedInOrder() {
        AnalyticsWorld w = AnalyticsWorld.fresh("long-mixed");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append(i % 2 == 1 ? "Оператор: " : "Клиент: ").append("Фраза номер ").append(i).append(".\n");
        }
        long id = w.addMixedOnlyCall(120, text.toString().strip(), 45 * 60);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        JsonNode call = w.call(id);
        assertThat(call.path("status").asText()).isEqualToIgnoringCase("analysed");
        // One mixed mp3 of 45 minutes, sent whole in parts of at most 20 minutes.
        assertThat(call.path("audioSeconds").asDouble()).isGreaterThan(44 * 60);
        String transcript = w.records().getFirst().get("Транскрипт");
        assertThat(transcript).doesNotContain("Оператор:", "Клиент:");
        int last = -1;
        for (int i = 1; i <= 12; i++) {
            int at = transcript.indexOf("Фраза номер " + i + ".");
            assertThat(at).as("phrase " + i + " in " + transcript).isGreaterThan(last);
            last = at;
        }
    }
}
