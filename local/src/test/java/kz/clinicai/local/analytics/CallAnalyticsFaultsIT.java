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
            long id = w.addCall(45, CallAnalyticsIT.dialogue("Хочу узнать результаты анализов."), false, 40);
            // Transcription fails through all of its attempts (1 + 3 retries): the message goes back to the queue
            // with the recording already stored.
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
            assertThat(call.path("recordingKeys")).hasSize(1);
            assertThat(w.records()).hasSize(1);
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
    void aLongRecordingIsSplitOnFrameBoundariesAndTranscribedInOrder() {
        AnalyticsWorld w = AnalyticsWorld.fresh("long");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append(i % 2 == 1 ? "Менеджер: " : "Клиент: ").append("Фраза номер ").append(i).append(".\n");
        }
        long id = w.addCall(120, text.toString().strip(), false, 45 * 60);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        JsonNode call = w.call(id);
        assertThat(call.path("status").asText()).isEqualToIgnoringCase("analysed");
        assertThat(call.path("audioSeconds").asDouble()).isGreaterThan(40 * 60);
        String transcript = w.records().getFirst().get("Транскрипт");
        int last = -1;
        for (int i = 1; i <= 12; i++) {
            int at = transcript.indexOf("Фраза номер " + i + ".");
            assertThat(at).as("phrase " + i + " in " + transcript).isGreaterThan(last);
            last = at;
        }
    }
}
