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
        String wavHash = transfer.path("wav_call_records").get(1).asText();
        assertThat(wavHash).isNotIn(transfer.path("call_records").get(0).asText(),
                transfer.path("call_records").get(1).asText());
        var wav = uis.get(uis.mount() + "/system/media/wav/" + cid + "/" + wavHash + "/");
        assertThat(wav.statusCode()).isEqualTo(200);
        assertThat(wav.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(wav.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"" + cid + "_" + wavHash + ".wav\"");
        assertThat(SandboxAudio.transcriptOf(wav.body()).orElseThrow())
                .contains("Соединяю вас с администратором лаборатории").doesNotContain("анализ");
        // An mp3 hash does not open the wav path and vice versa.
        assertThat(uis.get(uis.mount() + "/system/media/wav/" + cid + "/"
                + transfer.path("call_records").get(0).asText() + "/").statusCode()).isEqualTo(404);
        assertThat(uis.get(uis.mount() + "/system/media/talk/" + cid + "/" + wavHash + "/").statusCode())
                .isEqualTo(404);
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
    void everyLegThatTalkedHasItsOwnWavTrackClientFirst() throws Exception {
        JsonNode day = day("2026-11-22");
        JsonNode simple = day.get(0);
        assertThat(simple.path("call_records")).hasSize(1);
        assertThat(simple.path("wav_call_records")).hasSize(2);
        JsonNode transfer = day.get(3);
        assertThat(transfer.path("call_records")).hasSize(2);
        assertThat(transfer.path("wav_call_records")).hasSize(3);
        List<String> hashes = new ArrayList<>();
        transfer.path("wav_call_records").forEach(h -> hashes.add(h.asText()));
        transfer.path("call_records").forEach(h -> hashes.add(h.asText()));
        assertThat(hashes).doesNotHaveDuplicates();
        JsonNode lost = day.get(1);
        assertThat(lost.path("is_lost").asBoolean()).isTrue();
        assertThat(lost.path("wav_call_records")).isEmpty();
        // Hashes are pure functions of the session: the same in a second report.
        assertThat(day("2026-11-22").get(3).path("wav_call_records")).isEqualTo(transfer.path("wav_call_records"));
    }

    @Test
    void theLegsReportGivesEachLegItsOwnTrackAndTheMixedMp3OnlyToOperators() throws Exception {
        JsonNode transfer = day("2026-11-22").get(3);
        JsonNode legs = legs(transfer);
        assertThat(legs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(legs.get(i).path("wav_call_records")).hasSize(1);
            assertThat(legs.get(i).path("wav_call_records").get(0)).isEqualTo(transfer.path("wav_call_records").get(i));
            assertThat(legs.get(i).path("is_operator").asBoolean()).isEqualTo(i > 0);
        }
        assertThat(legs.get(0).path("call_records")).isEmpty();
        assertThat(legs.get(0).path("employee_id").isNull()).isTrue();
        assertThat(legs.get(1).path("call_records")).containsExactly(transfer.path("call_records").get(0));
        assertThat(legs.get(2).path("call_records")).containsExactly(transfer.path("call_records").get(1));
        // A leg that rang unanswered has no recording of any kind.
        JsonNode lost = legs(day("2026-11-22").get(1));
        lost.forEach(l -> assertThat(l.path("wav_call_records")).isEmpty());
    }

    @Test
    void eachTrackCarriesOnlyItsPartysVoiceTimedFromTheLegsConnect() throws Exception {
        JsonNode transfer = day("2026-11-22").get(3);
        JsonNode legs = legs(transfer);
        String cid = transfer.path("id").asText();
        List<List<SandboxAudio.Utterance>> tracks = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (JsonNode leg : legs) {
            byte[] wav = uis.get(uis.mount() + "/system/media/wav/" + cid + "/"
                    + leg.path("wav_call_records").get(0).asText() + "/").body();
            bodies.add(wav);
            tracks.add(SandboxAudio.speechOf(wav).orElseThrow());
        }
        assertThat(tracks.get(0)).extracting(SandboxAudio.Utterance::text).containsExactly(
                "Здравствуйте, у меня вопрос по результатам анализов.", "Анализы готовы? Сдавал позавчера.",
                "Отлично, спасибо.");
        assertThat(tracks.get(1)).extracting(SandboxAudio.Utterance::text).containsExactly(
                "Клиника ClinicAI, Динара, здравствуйте.",
                "Соединяю вас с администратором лаборатории, оставайтесь на линии.");
        assertThat(tracks.get(2)).extracting(SandboxAudio.Utterance::text).containsExactly(
                "Лаборатория, Игорь, слушаю вас.", "Да, готовы, отправлю результаты на вашу почту сегодня.");
        // A track lasts from its leg's connect to the leg's end (the client's: to the session's end).
        assertThat(SandboxAudio.secondsOf(bodies.get(1)).orElseThrow()).isEqualTo(legs.get(1).path("duration").asDouble());
        assertThat(SandboxAudio.secondsOf(bodies.get(2)).orElseThrow()).isEqualTo(legs.get(2).path("duration").asDouble());
        assertThat(SandboxAudio.secondsOf(bodies.get(0)).orElseThrow())
                .isEqualTo(transfer.path("total_duration").asDouble());
        // Igor's leg: 70 s, four lines in 17.5 s slots; the client's second line of it is the 2nd slot of the leg,
        // so it sits in the client's track at (Igor's connect − client's connect) + 17.5 s.
        double legOffset = seconds(legs.get(0).path("connect_time").asText(), legs.get(2).path("connect_time").asText());
        assertThat(legOffset).isGreaterThan(45);
        assertThat(tracks.get(0).get(1).start()).isCloseTo(legOffset + 17.5, org.assertj.core.api.Assertions.within(0.01));
        assertThat(tracks.get(2).get(1).start()).isCloseTo(35.0, org.assertj.core.api.Assertions.within(0.01));
        // A part of the client's track cut while only the operator speaks (Igor's first slot) is crosstalk: "".
        int from = (int) ((legOffset + 1) * 8000);
        int to = (int) ((legOffset + 13) * 8000);
        assertThat(SandboxAudio.transcriptOf(wavPart(bodies.get(0), from, to))).hasValue("");
        assertThat(SandboxAudio.transcriptOf(wavPart(bodies.get(2), 8000, 13 * 8000)))
                .hasValue("Лаборатория, Игорь, слушаю вас.");
    }

    @Test
    void aSilentCallStillHasTwoTracksThatTranscribeToNothing() throws Exception {
        JsonNode silent = day("2026-11-22").get(6);
        assertThat(silent.path("wav_call_records")).hasSize(2);
        for (JsonNode hash : silent.path("wav_call_records")) {
            byte[] wav = uis.get(uis.mount() + "/system/media/wav/" + silent.path("id").asText() + "/" + hash.asText()
                    + "/").body();
            assertThat(SandboxAudio.transcriptOf(wav)).hasValue("");
        }
    }

    @Test
    void theHourLongCallsClientTrackHoldsEveryClientLine() throws Exception {
        JsonNode longCall = day("2026-11-22").get(5);
        byte[] wav = uis.get(uis.mount() + "/system/media/wav/" + longCall.path("id").asText() + "/"
                + longCall.path("wav_call_records").get(0).asText() + "/").body();
        assertThat(SandboxAudio.secondsOf(wav).orElseThrow()).isEqualTo(longCall.path("total_duration").asDouble());
        assertThat(wav.length).isEqualTo(44 + longCall.path("total_duration").asInt() * 16_000);
        List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(wav).orElseThrow();
        // 180 lines, one every 20 s, from a script of 9 lines of which 4 are the client's (20 rounds of it); the leg
        // connects 3 + 5 s after the session starts.
        assertThat(speech).hasSize(80);
        assertThat(speech).allSatisfy(u -> assertThat(u.text()).doesNotContain("Расскажите", "Вы делали"));
        assertThat(speech.get(0).text()).isEqualTo("Уже месяц болит спина, особенно по утрам. Часть 1.");
        assertThat(speech.get(0).start()).isCloseTo(8 + 20.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aRecordingIsServedOnlyAfterItsDelayOrARelease() throws Exception {
        JsonNode added = uis.control("calls", Map.of("start_time", "2026-11-23 10:50:00", "talk_duration", 120,
                "record_delay_seconds", 300, "transcript", "Оператор: Алло.\nКлиент: Хочу отменить запись."))
                .path("calls").get(0);
        String url = uis.mount() + "/system/media/talk/" + added.path("id").asText() + "/"
                + added.path("call_records").get(0).asText() + "/";
        // Ends 10:52:08; the delay ends at 10:57:08; the clock says 11:00, so move it back.
        List<String> tracks = new ArrayList<>();
        added.path("wav_call_records").forEach(h -> tracks.add(uis.mount() + "/system/media/wav/"
                + added.path("id").asText() + "/" + h.asText() + "/"));
        assertThat(tracks).hasSize(2);
        uis.clock().set(Instant.parse("2026-11-23T05:55:00Z"));
        assertThat(uis.get(url).statusCode()).isEqualTo(404);
        assertThat(uis.get(tracks.get(0)).statusCode()).isEqualTo(404);
        assertThat(uis.get(tracks.get(1)).statusCode()).isEqualTo(404);
        uis.clock().set(Instant.parse("2026-11-23T05:57:10Z"));
        assertThat(uis.get(url).statusCode()).isEqualTo(200);
        assertThat(uis.get(tracks.get(1)).statusCode()).isEqualTo(200);
        uis.clock().set(Instant.parse("2026-11-23T05:55:00Z"));
        uis.control("records/release", Map.of("call_id", added.path("id").asLong()));
        assertThat(SandboxAudio.transcriptOf(uis.get(url).body())).hasValue("Алло.\nХочу отменить запись.");
        assertThat(SandboxAudio.transcriptOf(uis.get(tracks.get(0)).body())).hasValue("Хочу отменить запись.");
        assertThat(SandboxAudio.transcriptOf(uis.get(tracks.get(1)).body())).hasValue("Алло.");
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

    private static JsonNode legs(JsonNode call) throws Exception {
        String date = call.path("start_time").asText().substring(0, 10);
        return uis.result("get.call_legs_report", Map.of("date_from", date + " 00:00:00",
                "date_till", date + " 23:59:59", "filter", Map.of("field", "call_session_id", "operator", "=",
                        "value", call.path("id").asLong()))).path("data");
    }

    private static double seconds(String from, String to) {
        return Duration.between(java.time.LocalDateTime.parse(from.replace(' ', 'T')),
                java.time.LocalDateTime.parse(to.replace(' ', 'T'))).toSeconds();
    }

    /** Samples [from, to) of a downloaded track, written with a fresh 44-byte header as the worker's splitter does. */
    private static byte[] wavPart(byte[] wav, int from, int to) {
        int bytes = (to - from) * 2;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(44 + bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + bytes).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(bytes).put(wav, 44 + from * 2, bytes);
        return out.array();
    }

    private static JsonNode day(String date) throws Exception {
        return uis.result("get.calls_report", Map.of("date_from", date + " 00:00:00", "date_till", date + " 23:59:59"))
                .path("data");
    }
}
