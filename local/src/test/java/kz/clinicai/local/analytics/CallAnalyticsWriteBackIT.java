package kz.clinicai.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.chat.Await;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Write-back to UIS: with it on, the analysis summary becomes the call's comment and each chosen criterion's value a
 * tag "title: value" on the call, as the UIS sandbox's state shows them; and processing the call again — a
 * redelivered message, a retry after a failure part-way through the write-back — writes neither twice.
 */
class CallAnalyticsWriteBackIT {

    static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void boot() {
        PlatformStackFixture.stack();
        AnalyticsWorld.disableDemo();
    }

    /** The sandbox's own minute limit (250 points) again, whatever a test left. */
    @AfterEach
    void restoreUis() {
        PlatformStackFixture.sandboxPost("/uis/_control/limits", Map.of("minute_limit", 250, "minute_remaining", 250));
    }

    @AfterEach
    void retireProfiles() {
        AnalyticsWorld.retireAll();
    }

    /**
     * Write-back on, with tags from two criteria of this profile's own: UIS tags are the account's, so titles no
     * other test uses make every test create its tags (an existing tag would only be looked up).
     */
    static void writeBack(ObjectNode profile) {
        String own = profile.path("profileId").asText().replaceAll(".*-", "");
        var criteria = (com.fasterxml.jackson.databind.node.ArrayNode) profile.get("criteria");
        ObjectNode outcome = criteria.addObject().put("key", "outcome").put("title", "Итог " + own).put("type", "enum")
                .put("instructions", "Чем закончился звонок.");
        outcome.putArray("values").add("записан").add("не записан");
        criteria.addObject().put("key", "urgent").put("title", "Срочно " + own).put("type", "boolean")
                .put("instructions", "Нужна ли срочная помощь.");
        profile.putObject("writeBack").put("enabled", true).put("comment", true).putArray("tagCriteria")
                .add("outcome").add("urgent");
    }

    /** The tags the row's values call for: "title: value". */
    static List<String> expectedTags(AnalyticsWorld w, Map<String, String> row) {
        String own = w.profileId.replaceAll(".*-", "");
        String outcome = row.get("Итог " + own);
        String urgent = row.get("Срочно " + own);
        assertThat(outcome).isIn("записан", "не записан");
        assertThat(urgent).isIn("да", "нет");
        return List.of("Итог " + own + ": " + outcome, "Срочно " + own + ": " + urgent);
    }

    @Test
    void theSummaryBecomesTheCommentAndEachChosenCriterionATagAndARedeliveryAddsNothing() {
        // A failed attempt is redelivered in seconds (not the real 90 minutes): it shows as a doubled write.
        int previous = PlatformStackFixture.visibility("AnalyticsQueue", 2);
        try {
            writeBackOnce();
        } finally {
            PlatformStackFixture.visibility("AnalyticsQueue", previous);
        }
    }

    private void writeBackOnce() {
        AnalyticsWorld w = AnalyticsWorld.fresh("writeback", CallAnalyticsWriteBackIT::writeBack);
        long id = w.addCall(40, CallAnalyticsIT.dialogue("Хочу перенести запись к неврологу на пятницу."), false, 45);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        Map<String, String> row = w.records().getFirst();
        assertThat(row.get("Статус")).isEqualTo("проанализирован");
        String summary = row.get("Резюме");
        assertThat(summary).isNotBlank()
                .isEqualTo(analysis(w, id).path("summary").asText());
        List<String> expectedTags = expectedTags(w, row);
        assertThat(w.call(id).path("errors")).as("errors of call %s", id).isEmpty();
        assertThat(comments(id)).containsExactly(summary);
        assertThat(tags(id)).containsExactlyInAnyOrderElementsOf(expectedTags);

        // The same message once more (SQS delivers at least once), a pull over the same window, a retry request.
        String queue = AnalyticsWorld.queueUrl("AnalyticsQueue");
        String job = Json.mapper().createObjectNode().put("profileId", w.profileId).put("callId", id).toString();
        PlatformStackFixture.stack().aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(job));
        Await.until("the redelivered message consumed", WAIT, () -> AnalyticsWorld.drained(queue) ? Optional.of(true)
                : Optional.empty());
        AnalyticsWorld.firePull();
        assertThat(w.api("POST", "/analytics/profiles/" + w.profileId + "/calls/" + id + "/retry", null).statusCode())
                .isEqualTo(409);

        assertThat(comments(id)).containsExactly(summary);
        assertThat(tags(id)).containsExactlyInAnyOrderElementsOf(expectedTags);
        assertThat(w.call(id).path("status").asText()).isEqualToIgnoringCase("analysed");
    }

    @Test
    void aWriteBackCutOffAfterItsCommentIsRedeliveredAndWritesTheCommentOnce() {
        int previous = PlatformStackFixture.visibility("AnalyticsQueue", 2);
        try {
            AnalyticsWorld w = AnalyticsWorld.fresh("writeback-cut", CallAnalyticsWriteBackIT::writeBack);
            long id = lateCall(w, "Подскажите, есть ли завтра приём у кардиолога?");
            // One UIS point a minute: the comment takes it, the tag lookup after it is refused (limit_exceeded,
            // retried): the write-back stops between the comment and the tags.
            PlatformStackFixture.sandboxPost("/uis/_control/limits", Map.of("minute_limit", 1, "minute_remaining", 1));
            PlatformStackFixture.sandboxPost("/uis/_control/records/release", Map.of("call_id", id));
            Await.until("a write-back attempt of " + id + " refused", WAIT, () -> w.call(id).path("errors").size() > 0
                    ? Optional.of(true) : Optional.empty());
            assertThat(comments(id)).as("the comment written before the refusal").isNotEmpty();
            restoreUis();

            Await.until("call " + id + " analysed", WAIT, () -> w.call(id).path("status").asText()
                    .equalsIgnoreCase("analysed") ? Optional.of(true) : Optional.empty());
            AnalyticsWorld.fireWriter();

            Map<String, String> row = w.records().getFirst();
            assertThat(row.get("Статус")).isEqualTo("проанализирован");
            assertThat(comments(id)).as("comments on call %s (errors %s)", id, w.call(id).path("errors"))
                    .containsExactly(row.get("Резюме"));
            assertThat(tags(id)).containsExactlyInAnyOrderElementsOf(expectedTags(w, row));
            // Every failed attempt was one of the write-back's (the step after transcription).
            assertThat(w.call(id).path("errors")).allSatisfy(e ->
                    assertThat(e.path("step").asText()).isEqualTo("transcribed"));
        } finally {
            PlatformStackFixture.visibility("AnalyticsQueue", previous);
        }
    }

    @Test
    void aWriteBackThatFailedForGoodAfterItsCommentIsCompletedByARetryWithoutASecondComment() {
        int previous = PlatformStackFixture.visibility("AnalyticsQueue", 2);
        try {
            AnalyticsWorld w = AnalyticsWorld.fresh("writeback-retry", CallAnalyticsWriteBackIT::writeBack);
            long id = lateCall(w, "Можно ли сдать анализы в субботу утром?");
            // One point a minute through every receive: the write-back never gets past its comment and the call
            // fails for good on the queue's last receive.
            PlatformStackFixture.sandboxPost("/uis/_control/limits", Map.of("minute_limit", 1, "minute_remaining", 1));
            PlatformStackFixture.sandboxPost("/uis/_control/records/release", Map.of("call_id", id));
            Await.until("call " + id + " failed", WAIT, () -> w.call(id).path("status").asText()
                    .equalsIgnoreCase("failed") ? Optional.of(true) : Optional.empty());
            AnalyticsWorld.fireWriter();
            assertThat(w.records().getFirst().get("Статус")).isEqualTo("ошибка");
            List<String> before = comments(id);
            assertThat(before).as("comments written before the failure").isNotEmpty();
            restoreUis();

            var retried = w.api("POST", "/analytics/profiles/" + w.profileId + "/calls/" + id + "/retry", null);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            Await.until("retried call " + id + " analysed", WAIT, () -> w.call(id).path("status").asText()
                    .equalsIgnoreCase("analysed") ? Optional.of(true) : Optional.empty());
            AnalyticsWorld.fireWriter();

            Map<String, String> row = w.records().getFirst();
            assertThat(row.get("Статус")).as("the row of the retried call").isEqualTo("проанализирован");
            assertThat(tags(id)).as("tags on call %s", id).containsExactlyInAnyOrderElementsOf(expectedTags(w, row));
            assertThat(comments(id)).as("comments on call %s", id).isEqualTo(before).containsExactly(row.get("Резюме"));
        } finally {
            PlatformStackFixture.visibility("AnalyticsQueue", previous);
        }
    }

    /** A call whose recording UIS publishes only when released: pulled and queued, its worker waiting. */
    static long lateCall(AnalyticsWorld w, String topic) {
        long id = w.addCall(35, CallAnalyticsIT.dialogue(topic), false, 45, 3600);
        AnalyticsWorld.firePull();
        Await.until("the worker to wait for the recording of " + id, WAIT, () ->
                w.call(id).path("recordingWaits").asInt() > 0 ? Optional.of(true) : Optional.empty());
        return id;
    }

    private static JsonNode analysis(AnalyticsWorld w, long id) {
        try {
            return Json.mapper().readTree(w.call(id).path("analysis").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError("analysis of " + id + " is not JSON", e);
        }
    }

    /** The call's comments in UIS, oldest first. */
    static List<String> comments(long callId) {
        List<String> out = new ArrayList<>();
        uisState().path("call_comments").path(String.valueOf(callId)).forEach(c -> out.add(c.path("comment").asText()));
        return out;
    }

    /** The names of the tags on the call in UIS, one entry per mark. */
    static List<String> tags(long callId) {
        JsonNode state = uisState();
        Map<Long, String> names = new HashMap<>();
        state.path("tags").forEach(t -> names.put(t.path("id").asLong(), t.path("name").asText()));
        List<String> out = new ArrayList<>();
        state.path("call_tags").path(String.valueOf(callId))
                .forEach(m -> out.add(names.getOrDefault(m.path("tag_id").asLong(), "?" + m.path("tag_id"))));
        return out;
    }

    private static JsonNode uisState() {
        return PlatformStackFixture.sandboxGet("/uis/_control/state");
    }
}
