package kz.clinicai.local.analytics;

import static kz.clinicai.local.PlatformStackFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Call analytics end to end on the real template: UIS sandbox → pull → worker → Sheets sandbox. */
class CallAnalyticsIT {

    static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void boot() {
        PlatformStackFixture.stack();
        AnalyticsWorld.disableDemo();
    }

    static String dialogue(String topic) {
        return "Менеджер: Здравствуйте, клиника, слушаю вас.\nКлиент: " + topic + "\nМенеджер: Хорошо, записала вас."
                + "\nКлиент: Спасибо, до свидания.";
    }

    @AfterEach
    void retireProfiles() {
        AnalyticsWorld.retireAll();
    }

    @Test
    void aPullOverNCallsEndsWithExactlyNRowsEvenWhenItRunsTwiceOverOverlappingWindows() {
        AnalyticsWorld w = AnalyticsWorld.fresh("once");
        List<Long> ids = new ArrayList<>();
        // More calls than one report page holds (page size 4 on the test stack): the pull pages past its limit.
        for (int i = 0; i < 6; i++) {
            ids.add(w.addCall(60 - i * 5, dialogue("Хочу записаться к терапевту, вариант " + i + "."), false, 60 + i));
        }
        long lost = w.addCall(20, "", true, 0);
        ids.add(lost);

        AnalyticsWorld.firePull();
        AnalyticsWorld.firePull();
        JsonNode calls = w.awaitFinished(ids.size(), WAIT);
        AnalyticsWorld.fireWriter();
        AnalyticsWorld.firePull();
        AnalyticsWorld.fireWriter();

        assertThat(calls).hasSize(ids.size());
        List<Map<String, String>> rows = w.records();
        assertThat(rows).extracting(r -> r.get("ID звонка"))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
        Map<String, String> missed = rows.stream().filter(r -> r.get("ID звонка").equals(String.valueOf(lost)))
                .findFirst().orElseThrow();
        assertThat(missed.get("Статус")).isEqualTo("пропущен");
        Map<String, String> analysed = rows.stream().filter(r -> r.get("ID звонка").equals(String.valueOf(ids.get(0))))
                .findFirst().orElseThrow();
        assertThat(analysed.get("Статус")).isEqualTo("проанализирован");
        assertThat(analysed.get("Транскрипт")).contains("Здравствуйте, клиника", "Хочу записаться к терапевту, вариант 0.");
        assertThat(analysed.get("Тон")).isIn("позитивный", "нейтральный", "негативный");
        assertThat(analysed.get("Перезвонить")).isIn("да", "нет");
        assertThat(analysed.get("Номер клиента")).startsWith("+7701");
        assertThat(analysed.get("Резюме")).isNotBlank();
    }

    @Test
    void aTransferredCallReadsAsOneConversationWithItsSpeakersInOrder() {
        AnalyticsWorld w = AnalyticsWorld.fresh("speakers");
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("start_time", AnalyticsWorld.UIS_TIME.format(java.time.LocalDateTime.now(AnalyticsWorld.ACCOUNT_ZONE)
                .minusMinutes(30))).put("direction", "in").put("contact_phone_number", "77015550101");
        ArrayNode legs = c.putArray("legs");
        // The first operator answers and transfers; the second one books. Lines at fixed times, as people talk.
        ObjectNode first = legs.addObject().put("employee_id", w.employeeId).put("ring_seconds", 4).put("talk_seconds", 20);
        line(first, "operator", "Здравствуйте, регистратура, слушаю.", 0.5, 3);
        line(first, "client", "Мне нужен кардиолог.", 4.5, 2.5);
        line(first, "operator", "Соединяю с кардиологией, не кладите трубку.", 8, 3);
        ObjectNode second = legs.addObject().put("employee_id", 5002).put("ring_seconds", 6).put("talk_seconds", 25);
        line(second, "operator", "Кардиология, слушаю вас.", 0.5, 2);
        line(second, "client", "Хочу записаться на пятницу. Можно утром?", 3.5, 4);
        line(second, "operator", "Записала вас на пятницу в девять.", 9, 3);
        line(second, "client", "Рахмет, до свидания.", 13, 2);
        long id = PlatformStackFixture.sandboxPost("/uis/_control/calls", c).path("calls").path(0).path("id").asLong();
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        JsonNode call = w.call(id);
        // Two mixed mp3s (one per operator) and three tracks: the client's and each operator's.
        assertThat(call.path("recordingKeys")).hasSize(5);
        assertThat(w.records()).singleElement().satisfies(r -> assertThat(r.get("Транскрипт")).isEqualTo("""
                Оператор: Здравствуйте, регистратура, слушаю.
                Клиент: Мне нужен кардиолог.
                Оператор: Соединяю с кардиологией, не кладите трубку.
                Оператор: Кардиология, слушаю вас.
                Клиент: Хочу записаться на пятницу. Можно утром?
                Оператор: Записала вас на пятницу в девять.
                Клиент: Рахмет, до свидания.""".strip()));
    }

    private static void line(ObjectNode leg, String speaker, String text, double at, double seconds) {
        ArrayNode speech = leg.has("speech") ? (ArrayNode) leg.get("speech") : leg.putArray("speech");
        speech.addObject().put("speaker", speaker).put("text", text).put("at", at).put("seconds", seconds);
    }

    @Test
    void aTranscriptThatLooksLikeAFormulaIsWrittenAsText() {
        AnalyticsWorld w = AnalyticsWorld.fresh("formula");
        // Mixed recordings only: the transcript has no speaker labels, so its first character is the client's "=".
        long id = w.addMixedOnlyCall(30, "Клиент: =HYPERLINK(\"http://evil.example\";\"нажми\")\nМенеджер: +7 701 000 00 00 @всем -1",
                40);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        JsonNode dump = w.sheetDump();
        assertThat(dump.path("formulaCells")).isEmpty();
        Map<String, String> row = w.records().getFirst();
        assertThat(row.get("ID звонка")).isEqualTo(String.valueOf(id));
        assertThat(row.get("Транскрипт")).startsWith("=HYPERLINK(");
    }

    @Test
    void editingTheCriteriaAddsAColumnAtTheRightAndMovesNone() {
        AnalyticsWorld w = AnalyticsWorld.fresh("criteria");
        w.addCall(40, dialogue("Сколько стоит приём кардиолога?"), false, 50);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();
        List<String> before = w.rows().getFirst();

        var score = kz.clinicai.shared.json.Json.mapper().createObjectNode().put("key", "quality")
                .put("title", "Качество").put("type", "score").put("instructions", "Качество обслуживания 0-10.");
        var updated = w.profile(List.of(score));
        updated.put("version", 1);
        HttpResponse<String> put = w.api("PUT", "/analytics/profiles/" + w.profileId, updated.toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put).path("version").asLong()).isEqualTo(2);

        // After the first pull the window is the checkpoint's overlap: a call the report shows now.
        w.addCall(8, dialogue("Запишите меня к педиатру."), false, 70);
        AnalyticsWorld.firePull();
        w.awaitFinished(2, WAIT);
        AnalyticsWorld.fireWriter();

        List<String> after = w.rows().getFirst();
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.subList(before.size(), after.size())).containsExactly("Качество", "Качество — цитата");
        List<Map<String, String>> rows = w.records();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("Качество")).as(w.rows().toString()).matches("\\d+");
    }

    @Test
    void aProfileNamingAnUnknownSecretOrSheetIsRefusedAndNothingIsStored() {
        AnalyticsWorld w = AnalyticsWorld.fresh("bad");
        var unknownSecret = w.profile(List.of());
        unknownSecret.put("profileId", w.profileId + "-secret");
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownSecret.get("uis"))
                .put("accessTokenSecret", "clinicai/analytics/no-such-secret");
        HttpResponse<String> r1 = w.api("POST", "/analytics/profiles", unknownSecret.toString());
        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(json(r1).path("error").asText()).isEqualTo("unknown_secret");

        var unknownSheet = w.profile(List.of());
        unknownSheet.put("profileId", w.profileId + "-sheet");
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownSheet.get("sheet")).put("sheetName", "Нет такого листа");
        HttpResponse<String> r2 = w.api("POST", "/analytics/profiles", unknownSheet.toString());
        assertThat(r2.statusCode()).isEqualTo(400);
        assertThat(json(r2).path("error").asText()).isEqualTo("unknown_sheet");

        var invalid = w.profile(List.of());
        invalid.put("profileId", w.profileId + "-invalid");
        ((com.fasterxml.jackson.databind.node.ArrayNode) invalid.get("criteria")).addObject().put("key", "Bad Key")
                .put("title", "Тон").put("type", "color");
        HttpResponse<String> r3 = w.api("POST", "/analytics/profiles", invalid.toString());
        assertThat(r3.statusCode()).isEqualTo(400);
        assertThat(json(r3).path("message").asText()).contains("criteria[2].key", "criteria[2].type",
                "criteria[2].title", "criteria[2].instructions");

        for (String suffix : List.of("-secret", "-sheet", "-invalid")) {
            assertThat(w.api("GET", "/analytics/profiles/" + w.profileId + suffix, null).statusCode()).isEqualTo(404);
        }
        assertThat(w.api("GET", "/analytics/profiles", null).statusCode()).isEqualTo(200);
        assertThat(w.api("GET", "/analytics/profiles", null).body()).doesNotContain(w.profileId + "-secret");
        HttpResponse<String> noKey = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/analytics/profiles", null);
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void aRecordingThatAppearsLateIsWaitedForAndWrittenOnce() {
        AnalyticsWorld w = AnalyticsWorld.fresh("late");
        // Published an hour after the call: only the release below makes it downloadable, so the worker must
        // have met the "not yet" answer first, however fast or slow this machine is.
        long id = w.addCall(30, dialogue("Перезвоните мне завтра, пожалуйста."), false, 45, 3600);
        AnalyticsWorld.firePull();
        kz.clinicai.local.chat.Await.until("the worker to wait for the recording of " + id, WAIT, () ->
                w.call(id).path("recordingWaits").asInt() > 0 ? java.util.Optional.of(true) : java.util.Optional.empty());
        PlatformStackFixture.sandboxPost("/uis/_control/records/release", java.util.Map.of("call_id", id));
        JsonNode calls = w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();

        assertThat(calls.get(0).path("status").asText()).isEqualTo("analysed");
        JsonNode call = w.call(id);
        assertThat(call.path("recordingWaits").asInt()).isGreaterThan(0);
        assertThat(w.records()).singleElement().satisfies(r -> assertThat(r.get("Статус")).isEqualTo("проанализирован"));
    }

    @Test
    void aSpeakerTrackThatNeverAppearsCostsTheLabelsNotTheCall() {
        AnalyticsWorld w = AnalyticsWorld.fresh("no-tracks");
        long id = w.addCall(30, dialogue("Сколько стоит УЗИ?"), false, 45);
        // The mp3 is published, the WAV tracks never are: the worker waits for them as long as for any recording
        // (AnalyticsRecordingRetrySeconds × 12 on the test stack), then transcribes the mixed recording.
        PlatformStackFixture.sandboxPost("/uis/_control/tracks/withhold", java.util.Map.of("call_id", id));
        AnalyticsWorld.firePull();
        JsonNode calls = w.awaitFinished(1, Duration.ofSeconds(120));
        AnalyticsWorld.fireWriter();

        assertThat(calls.get(0).path("status").asText()).isEqualTo("analysed");
        JsonNode call = w.call(id);
        assertThat(call.path("recordingWaits").asInt()).isGreaterThan(0);
        assertThat(call.path("recordingKeys")).hasSize(1);
        assertThat(call.path("tracks")).isEmpty();
        String transcript = w.records().getFirst().get("Транскрипт");
        assertThat(transcript).contains("Сколько стоит УЗИ?").doesNotContain("Оператор:", "Клиент:");
    }

    @Test
    void limitExceededBacksOffWithoutFailingAndTheNextRunQueuesTheCalls() {
        // "aab-": pulls go in profile id order, so this profile meets the injected fault first.
        AnalyticsWorld w = AnalyticsWorld.fresh("aab-limit");
        w.addCall(30, dialogue("Есть ли свободное время у кардиолога?"), false, 50);
        PlatformStackFixture.sandboxPost("/uis/_control/faults", java.util.Map.of("next", List.of("limit_exceeded")));
        AnalyticsWorld.firePull();
        assertThat(w.calls()).isEmpty();

        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        AnalyticsWorld.fireWriter();
        assertThat(w.records()).hasSize(1);
    }

    @Test
    void ipNotWhitelistedStopsTheProfileUntilItIsUpdated() {
        AnalyticsWorld w = AnalyticsWorld.fresh("aaa-ip");
        w.addCall(30, dialogue("Подскажите адрес клиники."), false, 30);
        PlatformStackFixture.sandboxPost("/uis/_control/faults", java.util.Map.of("next", List.of("ip_not_whitelisted")));
        AnalyticsWorld.firePull();
        JsonNode profile = json(w.api("GET", "/analytics/profiles/" + w.profileId, null));
        assertThat(profile.path("pullError").asText()).startsWith("ip_not_whitelisted").contains("Elastic IP");
        AnalyticsWorld.firePull();
        assertThat(w.calls()).isEmpty();

        var fixed = w.profile(List.of());
        fixed.put("version", profile.path("version").asLong());
        assertThat(w.api("PUT", "/analytics/profiles/" + w.profileId, fixed.toString()).statusCode()).isEqualTo(200);
        AnalyticsWorld.firePull();
        w.awaitFinished(1, WAIT);
        // Out of the way of the other tests' injected faults.
        var off = w.profile(List.of());
        off.put("enabled", false).put("version", profile.path("version").asLong() + 1);
        assertThat(w.api("PUT", "/analytics/profiles/" + w.profileId, off.toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aBackfillPullsAnOldRangeInWindowsAndQueuesEachCallOnce() {
        AnalyticsWorld w = AnalyticsWorld.fresh("backfill");
        long old = w.addCall(35 * 24 * 60, dialogue("Звонок из прошлого месяца."), false, 40);
        long recent = w.addCall(3 * 24 * 60, dialogue("Звонок три дня назад."), false, 40);
        java.time.LocalDateTime now = java.time.LocalDateTime.now(AnalyticsWorld.ACCOUNT_ZONE);
        String body = "{\"from\":\"" + AnalyticsWorld.UIS_TIME.format(now.minusDays(40)) + "\",\"till\":\""
                + AnalyticsWorld.UIS_TIME.format(now.minusDays(2)) + "\"}";
        HttpResponse<String> started = w.api("POST", "/analytics/profiles/" + w.profileId + "/backfill", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(w.api("POST", "/analytics/profiles/" + w.profileId + "/backfill", "{\"from\":\"x\"}").statusCode())
                .isEqualTo(400);

        // The regular window (last 24 h) has nothing; the backfill's 38 days are two report windows (31 days max).
        AnalyticsWorld.firePull();
        AnalyticsWorld.firePull();
        w.awaitFinished(2, WAIT);
        AnalyticsWorld.fireWriter();

        assertThat(w.records()).extracting(r -> r.get("ID звонка"))
                .containsExactlyInAnyOrder(String.valueOf(old), String.valueOf(recent));
        JsonNode jobs = json(w.api("GET", "/analytics/profiles/" + w.profileId + "/backfill", null)).path("backfills");
        assertThat(jobs).singleElement().satisfies(j -> assertThat(j.path("status").asText()).isEqualTo("done"));
    }
}
