package kz.clinicai.local.sandbox.uis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UisServiceTest {

    // 2026-11-23 11:00 in Almaty.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Sandbox sandbox;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new UisService(CLOCK, 6)));
        settings = sandbox.settings();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void settingsNameTheApiTokenAndRecordsHost() {
        assertThat(settings).containsEntry("uis.baseUrl", sandbox.mountUrl("uis") + "/v2.0")
                .containsEntry("uis.accessToken", "sandbox-uis-token")
                .containsEntry("uis.recordsBaseUrl", sandbox.mountUrl("uis"));
    }

    @Test
    void reportsADayOfCallsWithLimits() throws Exception {
        JsonNode r = report(Map.of("date_from", "2026-11-22 00:00:00", "date_till", "2026-11-22 23:59:59"));
        assertThat(r.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(r.path("id").asInt()).isEqualTo(7);
        JsonNode data = r.path("result").path("data");
        assertThat(data).hasSize(6);
        JsonNode first = data.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactlyElementsOf(UisJsonRpc.FIELDS);
        assertThat(first.path("start_time").asText()).startsWith("2026-11-22 09:");
        assertThat(first.path("direction").asText()).isIn("in", "out");
        assertThat(first.path("call_records")).hasSize(1);
        assertThat(first.path("employees").get(0).path("employee_full_name").asText()).isNotBlank();
        JsonNode lost = data.get(4);
        assertThat(lost.path("is_lost").asBoolean()).isTrue();
        assertThat(lost.path("call_records")).isEmpty();
        JsonNode limits = r.path("result").path("metadata").path("limits");
        assertThat(limits.path("day_limit").asInt()).isEqualTo(UisLimits.DAY_LIMIT);
        assertThat(limits.path("day_remaining").asInt()).isEqualTo(UisLimits.DAY_LIMIT - 1);
        assertThat(limits.path("minute_reset").asInt()).isEqualTo(60);
        JsonNode again = report(Map.of("date_from", "2026-11-22 00:00:00", "date_till", "2026-11-22 23:59:59"));
        assertThat(again.path("result").path("data")).isEqualTo(data);
    }

    @Test
    void callsNotFinishedByTheClockAreNotReported() throws Exception {
        JsonNode data = report(Map.of("date_from", "2026-11-23 00:00:00", "date_till", "2026-11-23 23:59:59"))
                .path("result").path("data");
        assertThat(data).isNotEmpty().hasSizeLessThan(6);
        data.forEach(c -> assertThat(c.path("finish_time").asText()).isLessThanOrEqualTo("2026-11-23 11:00:00"));
    }

    @Test
    void honoursFieldsFilterLimitAndOffset() throws Exception {
        JsonNode all = report(Map.of("date_from", "2026-11-20 00:00:00", "date_till", "2026-11-22 23:59:59",
                "fields", List.of("id", "direction"))).path("result").path("data");
        assertThat(all).hasSize(18);
        all.forEach(c -> assertThat(c.fieldNames()).toIterable().containsExactly("id", "direction"));
        JsonNode out = report(Map.of("date_from", "2026-11-20 00:00:00", "date_till", "2026-11-22 23:59:59",
                "fields", List.of("id", "direction"),
                "filter", Map.of("field", "direction", "operator", "=", "value", "out"))).path("result").path("data");
        assertThat(out).isNotEmpty();
        out.forEach(c -> assertThat(c.path("direction").asText()).isEqualTo("out"));
        JsonNode page = report(Map.of("date_from", "2026-11-20 00:00:00", "date_till", "2026-11-22 23:59:59",
                "fields", List.of("id"), "limit", 5, "offset", 15)).path("result").path("data");
        assertThat(page).hasSize(3);
        assertThat(page.get(0).path("id")).isEqualTo(all.get(15).path("id"));
    }

    @Test
    void errorsComeWithHttp200AndMnemonics() throws Exception {
        assertError(rpc(Map.of("jsonrpc", "2.0", "id", 1, "method", "get.calls_report",
                "params", Map.of("access_token", "wrong", "date_from", "2026-11-22 00:00:00",
                        "date_till", "2026-11-22 23:59:59"))), -32001, "invalid_access_token");
        assertError(report(Map.of("date_from", "2026-01-01 00:00:00", "date_till", "2026-05-01 00:00:00")),
                -32602, "invalid_parameter_value");
        assertError(report(Map.of("date_from", "2026-11-22 00:00:00", "date_till", "2026-11-22 23:59:59",
                "limit", 10_001)), -32602, "invalid_parameter_value");
        assertError(report(Map.of("date_from", "2026-11-22 00:00:00", "date_till", "2026-11-22 23:59:59",
                "offset", 100_001)), -32602, "invalid_parameter_value");
        assertError(report(Map.of("date_till", "2026-11-22 23:59:59")), -32602, "required_parameter_missed");
        assertError(rpc(Map.of("jsonrpc", "2.0", "id", 1, "method", "get.nothing",
                "params", Map.of("access_token", "sandbox-uis-token"))), -32601, "method_not_found");
    }

    @Test
    void exhaustedLimitsAnswerMinus32029() throws Exception {
        HttpResponse<String> set = post(sandbox.mountUrl("uis") + "/_control/limits", Map.of("minute_remaining", 0));
        assertThat(set.statusCode()).isEqualTo(200);
        assertError(report(Map.of("date_from", "2026-11-22 00:00:00", "date_till", "2026-11-22 23:59:59")),
                -32029, "limit_exceeded");
    }

    @Test
    void recordingsCarryTheCallsDialogue() throws Exception {
        JsonNode call = report(Map.of("date_from", "2026-11-22 00:00:00", "date_till", "2026-11-22 23:59:59"))
                .path("result").path("data").get(0);
        String base = settings.get("uis.recordsBaseUrl") + "/system/media/";
        String rel = call.path("id").asText() + "/" + call.path("call_records").get(0).asText() + "/";
        HttpResponse<byte[]> talk = get(base + "talk/" + rel);
        assertThat(talk.statusCode()).isEqualTo(200);
        assertThat(talk.headers().firstValue("Content-Type")).hasValue("audio/wav");
        String transcript = SandboxAudio.transcriptOf(talk.body()).orElseThrow();
        assertThat(transcript).startsWith("Менеджер: Здравствуйте").contains("\nКлиент: ");
        assertThat(get(base + "wav/" + rel).body()).isEqualTo(talk.body());
        assertThat(get(base + "talk/" + call.path("id").asText() + "/00ff/").statusCode()).isEqualTo(404);
    }

    @Test
    void controlAddsCallsWithTranscripts() throws Exception {
        HttpResponse<String> added = post(sandbox.mountUrl("uis") + "/_control/calls", Map.of("calls", List.of(
                Map.of("start_time", "2026-11-22 12:00:30", "direction", "in", "talk_duration", 90,
                        "contact_phone_number", "77017654321", "employee_id", 5002,
                        "transcript", "Менеджер: Алло.\nКлиент: Хочу отменить запись."))));
        assertThat(added.statusCode()).isEqualTo(200);
        long id = Json.mapper().readTree(added.body()).path("calls").get(0).path("id").asLong();
        List<Long> ids = new ArrayList<>();
        JsonNode data = report(Map.of("date_from", "2026-11-22 12:00:30", "date_till", "2026-11-22 12:00:30"))
                .path("result").path("data");
        data.forEach(c -> ids.add(c.path("id").asLong()));
        assertThat(ids).containsExactly(id);
        JsonNode call = data.get(0);
        assertThat(call.path("contact_phone_number").asText()).isEqualTo("77017654321");
        assertThat(call.path("employees").get(0).path("employee_id").asLong()).isEqualTo(5002);
        byte[] audio = get(settings.get("uis.recordsBaseUrl") + "/system/media/talk/" + id + "/"
                + call.path("call_records").get(0).asText() + "/").body();
        assertThat(SandboxAudio.transcriptOf(audio)).hasValue("Менеджер: Алло.\nКлиент: Хочу отменить запись.");
    }

    private static void assertError(JsonNode r, int code, String mnemonic) {
        assertThat(r.has("result")).as(r.toString()).isFalse();
        assertThat(r.path("error").path("code").asInt()).as(r.toString()).isEqualTo(code);
        assertThat(r.path("error").path("data").path("mnemonic").asText()).isEqualTo(mnemonic);
        assertThat(r.path("error").path("message").asText()).isNotBlank();
    }

    private static JsonNode report(Map<String, Object> params) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("access_token", settings.get("uis.accessToken"));
        return rpc(Map.of("jsonrpc", "2.0", "id", 7, "method", "get.calls_report", "params", p));
    }

    private static JsonNode rpc(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = post(settings.get("uis.baseUrl"), body);
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static HttpResponse<String> post(String url, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
