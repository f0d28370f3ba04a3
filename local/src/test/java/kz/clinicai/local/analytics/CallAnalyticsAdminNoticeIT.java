package kz.clinicai.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.chat.Await;
import kz.clinicai.local.sandbox.telegram.TelegramSandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call that fails for good is told to the Telegram admins (TelegramAdminIds of the template; the sandbox's admin
 * on the test stack) once: which profile, which call, why — never the client's number nor what was said.
 */
class CallAnalyticsAdminNoticeIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final long ADMIN = TelegramSandbox.ADMIN_USER_ID;

    @BeforeAll
    static void boot() {
        PlatformStackFixture.stack();
        AnalyticsWorld.disableDemo();
    }

    @org.junit.jupiter.api.AfterEach
    void retireProfiles() {
        AnalyticsWorld.retireAll();
    }

    @Test
    void aRecordingThatNeverAppearsFailsTheCallAndTellsTheAdminsOnce() {
        AnalyticsWorld w = AnalyticsWorld.fresh("notice-norecord");
        String topic = "Хочу записаться на УЗИ щитовидной железы.";
        // Published an hour after the call and never released: every look (each 2 s here) finds nothing.
        long id = w.addCall(30, CallAnalyticsIT.dialogue(topic), false, 40, 3600);
        AnalyticsWorld.firePull();
        Await.until("call " + id + " failed", WAIT, () -> w.call(id).path("status").asText()
                .equalsIgnoreCase("failed") ? Optional.of(true) : Optional.empty());
        JsonNode call = w.call(id);
        assertThat(call.path("recordingWaits").asInt()).isGreaterThan(1);

        String notice = theOnlyNotice(w, id);
        assertThat(notice).contains(w.profileId, String.valueOf(id), "запись разговора так и не появилась");
        assertNoPersonalData(notice, w, call, topic);
    }

    @Test
    void aFailureAfterTheTranscriptExistsNamesItsReasonButNeitherTranscriptNorNumber() {
        AnalyticsWorld w = AnalyticsWorld.fresh("notice-blocked", CallAnalyticsWriteBackIT::writeBack);
        String topic = "Мне нужна справка для бассейна, номер полиса 1234.";
        long id = CallAnalyticsWriteBackIT.lateCall(w, topic);
        // The write-back (after transcription and analysis) meets a blocked token: only a person can fix that,
        // so the call fails at once, with its transcript stored.
        PlatformStackFixture.sandboxPost("/uis/_control/faults", Map.of("next", List.of("access_token_blocked")));
        PlatformStackFixture.sandboxPost("/uis/_control/records/release", Map.of("call_id", id));
        Await.until("call " + id + " failed", WAIT, () -> w.call(id).path("status").asText()
                .equalsIgnoreCase("failed") ? Optional.of(true) : Optional.empty());
        JsonNode call = w.call(id);
        assertThat(call.path("transcriptKey").asText()).isNotBlank();

        String notice = theOnlyNotice(w, id);
        assertThat(notice).contains(w.profileId, String.valueOf(id), "access_token_blocked");
        assertNoPersonalData(notice, w, call, topic);
    }

    /** Waits for the notice about the call, lets everything that could send another settle, and returns it. */
    private static String theOnlyNotice(AnalyticsWorld w, long callId) {
        Await.until("the admin notice about " + callId, WAIT, () -> notices(callId).isEmpty() ? Optional.empty()
                : Optional.of(true));
        // Another pull over the call, then nothing left to process or send.
        AnalyticsWorld.firePull();
        String analytics = AnalyticsWorld.queueUrl("AnalyticsQueue");
        String outbox = AnalyticsWorld.queueUrl("TelegramOutboxQueue");
        Await.until("the analytics queue and the Telegram outbox drained", WAIT, () ->
                AnalyticsWorld.drained(analytics) && AnalyticsWorld.drained(outbox) ? Optional.of(true)
                        : Optional.empty());
        List<String> notices = notices(callId);
        assertThat(notices).as("notices about call %s to the admin", callId).hasSize(1);
        return notices.getFirst();
    }

    /** The bot's messages to the admin that are about this call. */
    private static List<String> notices(long callId) {
        List<String> out = new ArrayList<>();
        for (JsonNode chat : PlatformStackFixture.sandboxGet("/telegram/_control/chats").path("chats")) {
            if (chat.path("user").path("id").asLong() != ADMIN) {
                continue;
            }
            for (JsonNode entry : chat.path("messages")) {
                String text = entry.path("message").path("text").asText();
                if (entry.path("direction").asText().equals("bot_to_user") && text.contains("Аналитика звонков")
                        && text.contains(String.valueOf(callId))) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    private static void assertNoPersonalData(String notice, AnalyticsWorld w, JsonNode call, String topic) {
        String phone = w.contactPhone();
        assertThat(call.path("call").path("contactPhone").asText()).isEqualTo(phone);
        assertThat(notice).doesNotContain(phone);
        // Nor any other way of writing a phone number: ten or more digits, maybe spaced, bracketed or dashed.
        assertThat(notice).doesNotContainPattern("\\+?\\d[\\d ()-]{8,}\\d");
        assertThat(notice).doesNotContain(topic).doesNotContain("Здравствуйте, клиника").doesNotContain("Клиент:");
        assertThat(notice).doesNotContain(w.spreadsheetId);
    }
}
