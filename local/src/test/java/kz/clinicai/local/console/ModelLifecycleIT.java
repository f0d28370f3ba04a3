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
 * The daily model lifecycle check on the real template and the local stack: an assistant uses a dying model X, the
 * OpenAI simulator's clock moves to X's shutdown date, so its {@code GET /v1/models} no longer lists X. The check
 * (fired twice) reports it in the alarm's metric, the console shows the banner on every page, the Telegram admin
 * gets exactly one notice about it, and saving an assistant with X is refused naming its replacement. Afterwards the
 * clock is reset and the check rerun, so the stack's other tests see today's models.
 *
 * <p>The stack saves by the real date, so X is chosen from the model table on the day ({@link DyingModel}: savable
 * today, with a shutdown date) and the simulator's clock moves relative to X's date: the test means the same on any
 * day, and fails saying so when the table has no dying model left.
 */
class ModelLifecycleIT {

    private static final HttpClient SCHEDULES = HttpClient.newHttpClient();

    /** Chosen per run (a failing choice fails the test with its message, not the class's initialisation). */
    private final DyingModel x = DyingModel.savableToday();
    private final String dying = x.name();
    private final String goneText = "Модель " + dying + " больше не предлагается";

    @Test
    void aModelInUseThatOpenAiNoLongerListsRaisesTheAlarmTheBannerOneNoticeAndTheRefusal() throws Exception {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String name = "lifecycle-" + System.nanoTime();
        String id = ConsoleUsers.createAssistant(admin, name, dying, "Коротко.", x.temperature("0.30"), "");
        // Today X is listed with its shutdown date: no alarm for it, no banner line saying it is gone.
        JsonNode today = fire();
        assertThat(finding(today, dying).path("listed").asBoolean()).isTrue();
        assertThat(finding(today, dying).path("shutdownDate").asText()).isEqualTo(x.shutdown().toString());
        assertThat(admin.get("/console/assistants").body()).doesNotContain(goneText);

        try {
            // The shutdown day itself is the first day OpenAI no longer serves (nor lists) the model.
            PlatformStackFixture.sandboxPost("/openai/_control/clock", Map.of("date", x.shutdown().toString()));
            JsonNode first = fire();
            JsonNode second = fire();

            // The alarm's metric: ModelsInUseGone > 0 (ModelInUseGoneAlarm in template.yaml).
            assertThat(first.path("metrics").path("ModelsInUseGone").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(first.path("metrics").path("ModelDaysToNearestShutdown").asLong()).isZero();
            JsonNode gone = finding(first, dying);
            assertThat(gone.path("listed").asBoolean()).isFalse();
            assertThat(gone.path("usedBy").toString()).contains("assistant:" + name);
            assertThat(noticesSent(first)).contains(dying + "#0");
            assertThat(noticesSent(second)).doesNotContain(dying + "#0");
            assertThat(second.path("metrics").path("ModelsInUseGone").asLong()).isGreaterThanOrEqualTo(1);

            // The banner, on every page of a signed-in user.
            for (String page : List.of("/console/dashboard", "/console/assistants", "/console/files",
                    "/console/settings")) {
                String html = admin.get(page).body();
                assertThat(html).as(page).contains("data-testid=\"model-banner\"").contains(goneText);
            }

            // Exactly one Telegram notice about it (the outbox delivered everything queued).
            Await.until("the notice about " + dying, Duration.ofSeconds(30), () -> notices().isEmpty()
                    ? Optional.empty() : Optional.of(true));
            String outbox = PlatformStackFixture.stack().world().queueUrl(PlatformStackFixture.stack().world()
                    .queue("TelegramOutboxQueue"));
            Await.until("the Telegram outbox drained", Duration.ofSeconds(30), () -> drained(outbox)
                    ? Optional.of(true) : Optional.empty());
            assertThat(notices()).singleElement().asString()
                    .contains(x.replacement().map(r -> "замена " + r).orElse("замена не названа"))
                    .contains("assistant:" + name);

            // Saving the assistant with the gone model is refused, naming the replacement; nothing saved.
            HttpResponse<String> refused = admin.postForm("/console/assistants/" + id, Map.of("model", dying,
                    "instructions", "Подробно.", "temperature", x.temperature("0.30"), "topP", "",
                    "_csrf", admin.csrf("/console/assistants/" + id)));
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("больше не предлагается OpenAI")
                    .contains(x.replacement().map(r -> "Замена: " + r).orElse("OpenAI не назвал замену"));
            assertThat(admin.get("/console/assistants/" + id).body()).doesNotContain("Подробно.");
            // The form no longer offers it (nor any model it would refuse).
            assertThat(refused.body()).doesNotContain("<option value=\"" + dying + "\"");
        } finally {
            resetClock();
            fire();
        }
        assertThat(admin.get("/console/assistants").body()).doesNotContain(goneText);
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

    /** The bot's messages to the admin saying that the dying model is gone. */
    private List<String> notices() {
        List<String> out = new ArrayList<>();
        for (JsonNode chat : PlatformStackFixture.sandboxGet("/telegram/_control/chats").path("chats")) {
            if (chat.path("user").path("id").asLong() != TelegramSandbox.ADMIN_USER_ID) {
                continue;
            }
            for (JsonNode entry : chat.path("messages")) {
                String text = entry.path("message").path("text").asText();
                if (entry.path("direction").asText().equals("bot_to_user") && text.contains(goneText)) {
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
