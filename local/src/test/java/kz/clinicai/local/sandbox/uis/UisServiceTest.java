package kz.clinicai.local.sandbox.uis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated account's behaviour: the seeded day, recordings, legs, write-back, time zone, points, control. */
class UisServiceTest {

    private static UisWire uis;

    @BeforeAll
    static void start() throws Exception {
        // 2026-11-23 11:00 in Almaty (UTC+5).
        uis = UisWire.start(Instant.parse("2026-11-23T06:00:00Z"));
    }

    @AfterAll
    static void stop() {
        uis.close();
    }

    @BeforeEach
    void reset() {
        uis.reset(Instant.parse("2026-11-23T06:00:00Z"));
    }

    @Test
    void settingsNameTheApiTokenAndRecordsHost() {
        assertThat(uis.settings()).containsEntry("uis.baseUrl", uis.mount() + "/v2.0")
                .containsEntry("uis.accessToken", "sandbox-uis-token")
                .containsEntry("uis.recordsBaseUrl", uis.mount());
    }

    @Test
    void aSeededDayIsVariedAndTheSameEveryTime() throws Exception {
        JsonNode data = uis.result("get.calls_report", Map.of("date_from", "2026-11-22 00:00:00",
                "date_till", "2026-11-22 23:59:59", "fields", List.of("id", "communication_id", "direction", "is_lost",
                        "call_records", "is_transfer", "total_duration", "virtual_phone_number", "employees"))).path("data");
        assertThat(data).hasSize(10);
        List<String> directions = new ArrayList<>();
        List<Long> employees = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        int lost = 0;
        for (JsonNode c : data) {
            assertThat(c.path("communication_id")).isEqualTo(c.path("id"));
            directions.add(c.path("direction").asText());
            numbers.add(c.path("virtual_phone_number").asText());
            c.path("employees").forEach(e -> employees.add(e.path("employee_id").asLong()));
            if (c.path("is_lost").asBoolean()) {
                lost++;
                assertThat(c.path("call_records")).isEmpty();
            }
        }
        assertThat(directions).contains("in", "out");
        assertThat(lost).isEqualTo(2);
        assertThat(employees).contains(5001L, 5002L, 5003L);
        assertThat(numbers).containsOnly("77272001122", "77272003344").contains("77272001122", "77272003344");
        JsonNode transfer = data.get(3);
        assertThat(transfer.path("is_transfer").asBoolean()).isTrue();
        assertThat(transfer.path("call_records")).hasSize(2);
        assertThat(data.get(5).path("total_duration").asInt()).isGreaterThan(3600);
        assertThat(uis.result("get.calls_report", Map.of("date_from", "2026-11-22 00:00:00",
                "date_till", "2026-11-22 23:59:59", "fields", List.of("id", "communication_id", "direction", "is_lost",
                        "call_records", "is_transfer", "total_duration", "virtual_phone_number", "employees")))
                .path("data")).isEqualTo(data);
    }

    @Test
    void recordingsAreFetchedByCommunicationIdPerLegWithoutAToken() throws Exception {
        JsonNode transfer = day("2026-11-22").get(3);
        String cid = transfer.path("communication_id").asText();
        List<String> texts = new ArrayList<>();
        for (JsonNode hash : transfer.path("call_records")) {
            var mp3 = uis.get(uis.mount() + "/system/media/talk/" + cid + "/" + hash.asText() + "/");
            assertThat(mp3.statusCode()).isEqualTo(200);
            assertThat(mp3.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
            texts.add(SandboxAudio.transcriptOf(mp3.body()).orElseThrow());
        }
        assertThat(texts.get(0)).contains("Соединяю вас с администратором лаборатории");
        assertThat(texts.get(1)).contains("Лаборатория, Игорь").doesNotContain("Соединяю");
        String wavHash = transfer.path("wav_call_records").get(0).asText();
        assertThat(wavHash).isNotEqualTo(transfer.path("call_records").get(0).asText());
        var wav = uis.get(uis.mount() + "/system/media/wav/" + cid + "/" + wavHash + "/");
        assertThat(wav.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(SandboxAudio.transcriptOf(wav.body()).orElseThrow()).isEqualTo(texts.get(0));
        // An mp3 hash does not open the wav path and vice versa.
        assertThat(uis.get(uis.mount() + "/system/media/wav/" + cid + "/"
                + transfer.path("call_records").get(0).asText() + "/").statusCode()).isEqualTo(404);
        String full = transfer.path("full_record_file_link").asText();
        assertThat(full).startsWith(uis.mount() + "/media/" + cid + "/");
        String whole = SandboxAudio.transcriptOf(uis.get(full).body()).orElseThrow();
        assertThat(whole).contains("Соединяю").contains("Лаборатория, Игорь");
    }

    @Test
    void theHourLongRecordingSplitIntoTwentyMinutePartsSpeaksInEveryPart() throws Exception {
        JsonNode longCall = day("2026-11-22").get(5);
        byte[] mp3 = uis.get(uis.mount() + "/system/media/talk/" + longCall.path("id").asText() + "/"
                + longCall.path("call_records").get(0).asText() + "/").body();
        assertThat(SandboxAudio.secondsOf(mp3).orElseThrow()).isBetween(3599.0, 3601.0);
        int frame = 144;
        // Three parts of about 20 minutes, cut on frame boundaries (as a splitter without ffmpeg would).
        int perPart = (mp3.length / frame + 2) / 3 * frame;
        List<String> parts = new ArrayList<>();
        for (int from = 0; from < mp3.length; from += perPart) {
            parts.add(SandboxAudio.transcriptOf(java.util.Arrays.copyOfRange(mp3, from,
                    Math.min(mp3.length, from + perPart))).orElseThrow());
        }
        assertThat(parts).hasSize(3);
        parts.forEach(p -> assertThat(p.lines().count()).isBetween(59L, 62L));
        // A cut inside an utterance splits its words between two parts; no word is lost or doubled.
        assertThat(String.join(" ", parts).replaceAll("\\s+", " "))
                .isEqualTo(SandboxAudio.transcriptOf(mp3).orElseThrow().replaceAll("\\s+", " "));
    }

    @Test
    void legsTellWhichRecordingIsWhoseAndWhoIsTheOperator() throws Exception {
        JsonNode transfer = day("2026-11-22").get(3);
        JsonNode legs = uis.result("get.call_legs_report", Map.of("date_from", "2026-11-22 00:00:00",
                "date_till", "2026-11-22 23:59:59", "fields", List.of("id", "call_session_id", "is_operator",
                        "employee_id", "call_records", "is_transfered", "connect_time"),
                "filter", Map.of("field", "call_session_id", "operator", "=", "value", transfer.path("id").asLong())))
                .path("data");
        assertThat(legs).hasSize(3);
        assertThat(legs.get(0).path("is_operator").asBoolean()).isFalse();
        assertThat(legs.get(0).path("call_records")).isEmpty();
        assertThat(legs.get(1).path("is_operator").asBoolean()).isTrue();
        assertThat(legs.get(1).path("employee_id").asLong()).isEqualTo(5001);
        assertThat(legs.get(1).path("call_records").get(0)).isEqualTo(transfer.path("call_records").get(0));
        assertThat(legs.get(2).path("is_transfered").asBoolean()).isTrue();
        assertThat(legs.get(2).path("employee_id").asLong()).isEqualTo(5002);
        assertThat(legs.get(2).path("call_records").get(0)).isEqualTo(transfer.path("call_records").get(1));
    }

    @Test
    void aRecordingIsServedOnlyAfterItsDelayOrARelease() throws Exception {
        JsonNode added = uis.control("calls", Map.of("start_time", "2026-11-23 10:50:00", "talk_duration", 120,
                "record_delay_seconds", 300, "transcript", "Оператор: Алло.\nКлиент: Хочу отменить запись."))
                .path("calls").get(0);
        String url = uis.mount() + "/system/media/talk/" + added.path("id").asText() + "/"
                + added.path("call_records").get(0).asText() + "/";
        // Ends 10:52:08; the delay ends at 10:57:08; the clock says 11:00, so move it back.
        uis.clock().set(Instant.parse("2026-11-23T05:55:00Z"));
        assertThat(uis.get(url).statusCode()).isEqualTo(404);
        uis.clock().set(Instant.parse("2026-11-23T05:57:10Z"));
        assertThat(uis.get(url).statusCode()).isEqualTo(200);
        uis.clock().set(Instant.parse("2026-11-23T05:55:00Z"));
        uis.control("records/release", Map.of("call_id", added.path("id").asLong()));
        assertThat(SandboxAudio.transcriptOf(uis.get(url).body())).hasValue("Алло.\nХочу отменить запись.");
    }

    @Test
    void unfinishedCallsAppearOnlyWithIncludeOngoingCalls() throws Exception {
        uis.control("calls", Map.of("start_time", "2026-11-23 10:59:00", "talk_duration", 600));
        Map<String, Object> window = Map.of("date_from", "2026-11-23 10:58:00", "date_till", "2026-11-23 10:59:30");
        assertThat(uis.result("get.calls_report", window).path("data")).isEmpty();
        JsonNode ongoing = uis.result("get.calls_report", Map.of("date_from", "2026-11-23 10:58:00",
                "date_till", "2026-11-23 10:59:30", "include_ongoing_calls", true)).path("data");
        assertThat(ongoing).hasSize(1);
        assertThat(ongoing.get(0).path("finish_time").isNull()).isTrue();
        assertThat(ongoing.get(0).path("call_records")).isEmpty();
    }

    @Test
    void seededDaysCanBeTurnedOffSoATestCountsOnlyItsOwnCalls() throws Exception {
        uis.control("account", Map.of("calls_per_day", 0));
        assertThat(day("2026-11-22")).isEmpty();
        uis.control("calls", Map.of("start_time", "2026-11-22 10:00:00", "talk_duration", 30));
        assertThat(day("2026-11-22")).hasSize(1);
        uis.control("reset", Map.of());
        assertThat(day("2026-11-22")).hasSize(10);
    }

    @Test
    void timesFollowTheAccountsTimeZone() throws Exception {
        String almaty = day("2026-11-22").get(0).path("start_time").asText();
        uis.control("account", Map.of("timezone", "Europe/Moscow"));
        assertThat(uis.result("get.account", Map.of()).path("data").get(0).path("timezone").asText())
                .isEqualTo("Europe/Moscow");
        String moscow = day("2026-11-22").get(0).path("start_time").asText();
        assertThat(java.time.LocalDateTime.parse(moscow.replace(' ', 'T')))
                .isEqualTo(java.time.LocalDateTime.parse(almaty.replace(' ', 'T')).minusHours(2));
    }

    @Test
    void tagsAndCommentsLandOnTheCallAndInTheState() throws Exception {
        long callId = day("2026-11-22").get(0).path("id").asLong();
        long tagId = uis.result("create.tags", Map.of("name", "Нужен перезвон")).path("id").asLong();
        assertThat(uis.error("create.tags", Map.of("name", "Нужен перезвон")).path("data").path("mnemonic").asText())
                .isEqualTo("duplicate_entity");
        assertThat(uis.result("set.tag_communications", Map.of("communication_id", callId,
                "communication_type", "call", "tag_id", tagId))).isEmpty();
        assertThat(uis.error("set.tag_communications", Map.of("communication_id", callId,
                "communication_type", "call", "tag_id", 424242)).path("data").path("field").asText()).isEqualTo("tag_id");
        assertThat(uis.result("create.communication_comment", Map.of("communication_id", callId,
                "communication_type", "call", "comment", "Клиент записан; перезвонить завтра.")).path("success")
                .asText()).isEqualTo("true");
        JsonNode tagged = uis.result("get.calls_report", Map.of("date_from", "2026-11-22 00:00:00",
                "date_till", "2026-11-22 23:59:59", "fields", List.of("id", "tags"),
                "filter", Map.of("field", "tags", "operator", "overlap", "value", List.of(tagId)))).path("data");
        assertThat(tagged).hasSize(1);
        assertThat(tagged.get(0).path("tags").get(0).path("tag_name").asText()).isEqualTo("Нужен перезвон");
        JsonNode state = uis.controlGet("state");
        assertThat(state.path("call_tags").path(String.valueOf(callId)).get(0).path("tag_id").asLong()).isEqualTo(tagId);
        assertThat(state.path("call_comments").path(String.valueOf(callId)).get(0).path("comment").asText())
                .isEqualTo("Клиент записан; перезвонить завтра.");
        assertThat(uis.page("ui?date=2026-11-22")).contains("Нужен перезвон").contains("перезвонить завтра")
                .contains(String.valueOf(callId));
    }

    @Test
    void pointsAreSpentBySuccessesAndRefillWithTheirWindow() throws Exception {
        uis.control("limits", Map.of("minute_remaining", 1));
        JsonNode ok = uis.rpc("get.account", Map.of());
        assertThat(ok.path("result").path("metadata").path("limits").path("minute_remaining").asInt()).isZero();
        JsonNode refused = uis.error("get.account", Map.of());
        assertThat(refused.path("code").asInt()).isEqualTo(-32029);
        assertThat(refused.path("data").path("mnemonic").asText()).isEqualTo("limit_exceeded");
        assertThat(refused.path("data").path("metadata").path("limits").path("minute_remaining").asInt()).isZero();
        uis.clock().advance(Duration.ofSeconds(61));
        JsonNode limits = uis.result("get.account", Map.of()).path("metadata").path("limits");
        assertThat(limits.path("minute_remaining").asInt()).isEqualTo(UisLimits.MINUTE_LIMIT - 1);
        assertThat(limits.path("day_remaining").asInt()).isEqualTo(UisLimits.DAY_LIMIT - 2);
        assertThat(limits.path("day_reset").asLong()).isPositive();
        // The day budget refills at midnight in the account's zone (19:00 UTC for Almaty), not before.
        uis.control("limits", Map.of("day_remaining", 0));
        uis.clock().set(Instant.parse("2026-11-23T18:59:30Z"));
        assertThat(uis.error("get.account", Map.of()).path("message").asText())
                .isEqualTo("Limit per day has been exceeded. Value of current limit per day is 10000");
        uis.clock().set(Instant.parse("2026-11-23T19:00:01Z"));
        assertThat(uis.result("get.account", Map.of()).path("metadata").path("limits").path("day_remaining").asInt())
                .isEqualTo(UisLimits.DAY_LIMIT - 1);
    }

    @Test
    void controlAddsCallsWithLegsAndSpeechDeterministically() throws Exception {
        JsonNode added = uis.control("calls", Map.of("calls", List.of(Map.of("start_time", "2026-11-22 12:00:30",
                "direction", "in", "contact_phone_number", "+7 701 765-43-21", "legs", List.of(
                        Map.of("employee_id", 5002, "answered", false, "ring_seconds", 20),
                        Map.of("employee_id", 5003, "talk_seconds", 90, "speech", List.of(
                                Map.of("speaker", "operator", "text", "Сәлеметсіз бе!"),
                                Map.of("speaker", "client", "text", "Жазылғым келеді.")))))))).path("calls").get(0);
        assertThat(added.path("contact_phone_number").asText()).isEqualTo("77017654321");
        assertThat(added.path("call_records")).hasSize(1);
        assertThat(added.path("employees")).hasSize(2);
        assertThat(added.path("employees").get(0).path("is_answered").asBoolean()).isFalse();
        assertThat(added.path("employees").get(1).path("is_talked").asBoolean()).isTrue();
        byte[] mp3 = uis.get(uis.mount() + "/system/media/talk/" + added.path("id").asText() + "/"
                + added.path("call_records").get(0).asText() + "/").body();
        List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(mp3).orElseThrow();
        assertThat(speech).extracting(SandboxAudio.Utterance::speaker)
                .containsExactly(SandboxAudio.OPERATOR, SandboxAudio.CLIENT);
        assertThat(SandboxAudio.secondsOf(mp3).orElseThrow()).isBetween(89.9, 90.1);
    }

    @Test
    void injectedAccessFaultsAnswerWithTheirDocumentedErrors() throws Exception {
        uis.control("faults", Map.of("ip_whitelisted", false));
        JsonNode e = uis.error("get.account", Map.of());
        assertThat(e.path("code").asInt()).isEqualTo(-32003);
        assertThat(e.path("data").path("mnemonic").asText()).isEqualTo("ip_not_whitelisted");
        uis.control("faults", Map.of("ip_whitelisted", true, "token", "expired"));
        assertThat(uis.error("get.account", Map.of()).path("data").path("mnemonic").asText())
                .isEqualTo("access_token_expired");
        uis.control("faults", Map.of("token", "valid", "next", List.of("limit_exceeded", "internal_error")));
        assertThat(uis.error("get.account", Map.of()).path("code").asInt()).isEqualTo(-32029);
        assertThat(uis.error("get.account", Map.of()).path("code").asInt()).isEqualTo(-32603);
        assertThat(uis.result("get.account", Map.of()).path("data")).hasSize(1);
    }

    private static JsonNode day(String date) throws Exception {
        return uis.result("get.calls_report", Map.of("date_from", date + " 00:00:00", "date_till", date + " 23:59:59"))
                .path("data");
    }
}
