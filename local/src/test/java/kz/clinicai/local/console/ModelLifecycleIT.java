package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.chat.Await;
import kz.clinicai.local.sandbox.telegram.TelegramSandbox;
import org.junit.jupiter.api.Test;

/**
 * The daily model lifecycle check on the real template and the local stack: the OpenAI simulator's clock moves past
 * the gpt-4.x shutdown (2027-01-14), so its {@code GET /v1/models} no longer lists gpt-4.1, which an assistant uses.
 * The check (fired twice) reports it in the alarm's metric, the console shows the banner on every page, the
 * Telegram admin gets exactly one notice about it, and saving an assistant with gpt-4.1 is refused naming
 * gpt-6-luna. Afterwards the clock is reset and the check rerun, so the stack's other tests see today's models.
 */
class ModelLifecycleIT {

    private static final String MODEL = "gpt-4.1";
    private static final String GONE_TEXT = "Модель " + MODEL + " больше не предлагается";
    private static final HttpClient SCHEDULES = HttpClient.newHttpClient();

    @Test
    void aModelInUseThatOpenAiNoLongerListsRaisesTheAlarmTheBannerOneNoticeAndTheRefusal() throws Exception {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String name = "lifecycle-" + System.nanoTime();
        String id = ConsoleUsers.createAssistant(admin, name, MODEL, "Коротко.", "0.30", "");
        // Today gpt-4.1 is listed with its shutdown date: no alarm for it, no banner line saying it is gone.
        JsonNode today = fire();
        assertThat(finding(today, MODEL).path("listed").asBoolean()).isTrue();
        assertThat(finding(today, MODEL).path("shutdownDate").asText()).isEqualTo("2027-01-14");
        assertThat(admin.get("/console/assistants").body()).doesNotContain(GONE_TEXT);

        try {
            PlatformStackFixture.sandboxPost("/openai/_control/clock", Map.of("date", "2027-01-15"));
            JsonNode first = fire();
            JsonNode second = fire();

            // The alarm's metric: ModelsInUseGone > 0 (ModelInUseGoneAlarm in template.yaml).
            assertThat(first.path("metrics").path("ModelsInUseGone").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(first.path("metrics").path("ModelDaysToNearestShutdown").asLong()).isZero();
            JsonNode gone = finding(first, MODEL);
            assertThat(gone.path("listed").asBoolean()).isFalse();
            assertThat(gone.path("usedBy").toString()).contains("assistant:" + name);
            assertThat(noticesSent(first)).contains(MODEL + "#0");
            assertThat(noticesSent(second)).doesNotContain(MODEL + "#0");
            assertThat(second.path("metrics").path("ModelsInUseGone").asLong()).isGreaterThanOrEqualTo(1);

            // The banner, on every page of a signed-in user.
            for (String page : List.of("/console/dashboard", "/console/assistants", "/console/files",
                    "/console/settings")) {
                String html = admin.get(page).body();
                assertThat(html).as(page).contains("data-testid=\"model-banner\"").contains(GONE_TEXT);
            }

            // Exactly one Telegram notice about it (the outbox delivered everything queued).
            Await.until("the notice about " + MODEL, Duration.ofSeconds(30), () -> notices().isEmpty()
                    ? Optional.empty() : Optional.of(true));
            String outbox = PlatformStackFixture.stack().world().queueUrl(PlatformStackFixture.stack().world()
                    .queue("TelegramOutboxQueue"));
            Await.until("the Telegram outbox drained", Duration.ofSeconds(30), () -> drained(outbox)
                    ? Optional.of(true) : Optional.empty());
            assertThat(notices()).singleElement().asString().contains("замена gpt-6-luna")
                    .contains("assistant:" + name);

            // Saving the assistant with the gone model is refused, naming the replacement; nothing saved.
            HttpResponse<String> refused = admin.postForm("/console/assistants/" + id, Map.of("model", MODEL,
                    "instructions", "Подробно.", "temperature", "0.30", "topP", "",
                    "_csrf", admin.csrf("/console/assistants/" + id)));
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("больше не предлагается OpenAI").contains("Замена: gpt-6-luna");
            assertThat(admin.get("/console/assistants/" + id).body()).doesNotContain("Подробно.");
            // The form no longer offers it (nor any model it would refuse).
            assertThat(refused.body()).doesNotContain("<option value=\"" + MODEL + "\"");
        } finally {
            resetClock();
            fire();
        }
        assertThat(admin.get("/console/assistants").body()).doesNotContain(GONE_TEXT);
    }

    /** Back to the real date ({@code "date": null}, written by hand: the shared mapper leaves nulls out). */
    private static void resetClock() {
        HttpResponse<String> r = PlatformStackFixture.send("POST", PlatformStackFixture.sandbox("/openai/_control/clock"),
                "{\"date\":null}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Fires the daily schedule now; returns the handler's answer. */
    private static JsonNode fire() throws Exception {
        HttpResponse<String> r = SCHEDULES.send(HttpRequest.newBuilder(URI.create(PlatformStackFixture.api()
                        + "/_local/schedules/ModelLifecycleCheckFunction/Daily")).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Amz-Function-Error")).as(r.body()).isEmpty();
        return PlatformStackFixture.json(r);
    }

    private static JsonNode finding(JsonNode result, String model) {
        for (JsonNode f : result.path("findings").path("models")) {
            if (f.path("model").asText().equals(model)) {
                return f;
            }
        }
        throw new AssertionError("no finding for " + model + " in " + result);
    }

    private static List<String> noticesSent(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("noticesSent").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The bot's messages to the admin saying that MODEL is gone. */
    private static List<String> notices() {
        List<String> out = new ArrayList<>();
        for (JsonNode chat : PlatformStackFixture.sandboxGet("/telegram/_control/chats").path("chats")) {
            if (chat.path("user").path("id").asLong() != TelegramSandbox.ADMIN_USER_ID) {
                continue;
            }
            for (JsonNode entry : chat.path("messages")) {
                String text = entry.path("message").path("text").asText();
                if (entry.path("direction").asText().equals("bot_to_user") && text.contains(GONE_TEXT)) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    private static boolean drained(String queueUrl) {
        var sqs = PlatformStackFixture.stack().aws().sqs();
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attributes.values().stream().allMatch("0"::equals);
    }
}
