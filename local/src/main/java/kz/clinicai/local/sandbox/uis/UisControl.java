package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.local.sandbox.uis.UisCallBuilder.Dial;
import kz.clinicai.local.sandbox.uis.UisCallBuilder.Line;

/**
 * The control API below {@code /uis/_control}: shape the account and inject faults (never part of real UIS).
 * <ul>
 * <li>{@code POST calls} — one call or {@code {"calls":[…]}}: {@code start_time} (account-local), {@code direction},
 * {@code contact_phone_number}, {@code virtual_phone_number}, {@code record_delay_seconds} (default 0), and
 * {@code legs:[{employee_id, answered, ring_seconds, talk_seconds, speech:[{speaker:"operator"|"client", text,
 * at?, seconds?}]}]}; or the short form {@code talk_duration, is_lost, employee_id, transcript} with lines
 * "Оператор:/Менеджер:/Клиент: …"; {@code "wav_tracks": false} gives the call mixed mp3s only, no per-leg WAV
 * tracks. Answers the calls as get.calls_report shows them (all fields).</li>
 * <li>{@code POST records/release {"call_id"}} — the call's recordings become downloadable now.</li>
 * <li>{@code POST tracks/withhold {"call_id"}} — the call's WAV tracks stay unpublished (404) while its mp3s are
 * served.</li>
 * <li>{@code POST limits {day_limit, minute_limit, day_remaining, minute_remaining}}.</li>
 * <li>{@code POST faults {"next":["ip_not_whitelisted","limit_exceeded","internal_error",…],
 * "ip_whitelisted":false, "token":"valid"|"expired"|"blocked"}}.</li>
 * <li>{@code POST account {"timezone":"Europe/Moscow","calls_per_day":0}} (0 turns the seeded days off);
 * {@code GET state} — tags on calls and comments.</li>
 * <li>{@code POST reset}.</li>
 * </ul>
 */
final class UisControl {

    private final UisAccount account;
    private final UisLimits limits;
    private final UisRows rows;

    UisControl(UisAccount account, UisLimits limits, UisRows rows) {
        this.account = account;
        this.limits = limits;
        this.rows = rows;
    }

    /** False when the path is not a control endpoint. */
    boolean handle(SandboxExchange exchange, String path) throws IOException {
        String method = exchange.method();
        try {
            if (method.equals("POST") && path.equals("/calls")) {
                addCalls(exchange);
            } else if (method.equals("POST") && path.equals("/records/release")) {
                account.release(exchange.bodyJson().path("call_id").asLong());
                exchange.json(200, Map.of("released", true));
            } else if (method.equals("POST") && path.equals("/tracks/withhold")) {
                account.withholdTracks(exchange.bodyJson().path("call_id").asLong());
                exchange.json(200, Map.of("withheld", true));
            } else if (method.equals("POST") && path.equals("/limits")) {
                JsonNode b = exchange.bodyJson();
                limits.set(integer(b, "day_limit"), integer(b, "minute_limit"), integer(b, "day_remaining"),
                        integer(b, "minute_remaining"));
                exchange.json(200, Map.of("limits", limits.json()));
            } else if (method.equals("POST") && path.equals("/faults")) {
                faults(exchange);
            } else if (method.equals("POST") && path.equals("/account")) {
                JsonNode b = exchange.bodyJson();
                if (b.hasNonNull("timezone")) {
                    account.timezone(ZoneId.of(b.get("timezone").asText()));
                }
                if (b.hasNonNull("calls_per_day")) {
                    account.callsPerDay(b.get("calls_per_day").asInt());
                }
                exchange.json(200, Map.of("timezone", account.timezone().getId(), "calls_per_day",
                        account.callsPerDay()));
            } else if (method.equals("GET") && path.equals("/state")) {
                UisJson.send(exchange, 200, state());
            } else if (method.equals("POST") && path.equals("/reset")) {
                account.reset();
                limits.reset();
                exchange.json(200, Map.of("reset", true));
            } else {
                return false;
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            exchange.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
        return true;
    }

    private void faults(SandboxExchange exchange) throws IOException {
        JsonNode b = exchange.bodyJson();
        List<String> next = new ArrayList<>();
        b.path("next").forEach(n -> next.add(n.asText()));
        next.forEach(UisRpcError::injected);
        account.enqueueFaults(next);
        if (b.has("ip_whitelisted")) {
            account.whitelisted(b.get("ip_whitelisted").asBoolean());
        }
        if (b.has("token")) {
            String token = b.get("token").asText();
            if (!List.of("valid", "expired", "blocked").contains(token)) {
                throw new IllegalArgumentException("token must be valid, expired or blocked");
            }
            account.tokenState(token);
        }
        exchange.json(200, Map.of("queued", next, "ip_whitelisted", account.whitelisted(),
                "token", account.tokenState()));
    }

    private void addCalls(SandboxExchange exchange) throws IOException {
        JsonNode body = exchange.bodyJson();
        List<JsonNode> items = new ArrayList<>();
        if (body.has("calls")) {
            body.get("calls").forEach(items::add);
        } else {
            items.add(body);
        }
        List<UisCall> built = new ArrayList<>();
        for (JsonNode c : items) {
            built.add(build(c));
        }
        built.forEach(account::add);
        UisJson.send(exchange, 200, Map.of("calls", built.stream().map(rows::call).toList()));
    }

    private UisCall build(JsonNode c) {
        if (!c.path("start_time").isTextual()) {
            throw new IllegalArgumentException("start_time (YYYY-MM-DD hh:mm:ss, account time) is required");
        }
        var start = LocalDateTime.parse(c.get("start_time").asText(), UisRows.TIME).atZone(account.timezone())
                .toInstant();
        String direction = c.path("direction").asText("in");
        if (!direction.equals("in") && !direction.equals("out")) {
            throw new IllegalArgumentException("direction must be in or out");
        }
        List<Dial> dials = new ArrayList<>();
        if (c.has("legs")) {
            for (JsonNode l : c.get("legs")) {
                dials.add(new Dial(employee(l.path("employee_id").asLong(UisSeed.DINARA.id())),
                        l.path("answered").asBoolean(true), l.path("ring_seconds").asInt(5),
                        l.path("talk_seconds").asInt(60), speech(l.path("speech"))));
            }
        } else {
            boolean lost = c.path("is_lost").asBoolean(false);
            dials.add(new Dial(employee(c.path("employee_id").asLong(UisSeed.DINARA.id())), !lost,
                    c.path("ring_seconds").asInt(5), c.path("talk_duration").asInt(60),
                    transcript(c.path("transcript").asText(""))));
        }
        return UisCallBuilder.build(account.nextCallId(), start, direction,
                digits(c.path("contact_phone_number").asText("77010000000")),
                digits(c.path("virtual_phone_number").asText(UisSeed.VIRTUAL_MAIN)), dials,
                Duration.ofSeconds(c.path("record_delay_seconds").asLong(0)), c.path("label").asText("added"),
                c.path("wav_tracks").asBoolean(true));
    }

    private static UisEmployee employee(long id) {
        return UisSeed.EMPLOYEES.stream().filter(e -> e.id() == id).findFirst()
                .orElseGet(() -> new UisEmployee(id, "Сотрудник " + id, "7701111" + String.format("%04d", id % 10_000)));
    }

    private static List<Line> speech(JsonNode node) {
        List<Line> out = new ArrayList<>();
        for (JsonNode s : node) {
            String speaker = s.path("speaker").asText(SandboxAudio.OPERATOR);
            if (!speaker.equals(SandboxAudio.OPERATOR) && !speaker.equals(SandboxAudio.CLIENT)) {
                throw new IllegalArgumentException("speaker must be operator or client");
            }
            out.add(new Line(speaker, s.path("text").asText(), s.path("at").asDouble(-1),
                    s.path("seconds").asDouble(-1)));
        }
        return out;
    }

    /** "Оператор: …" / "Менеджер: …" / "Клиент: …" lines; an unlabelled line is the operator's. */
    private static List<Line> transcript(String text) {
        List<Line> out = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            int colon = line.indexOf(':');
            String label = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase();
            boolean client = label.equals("клиент") || label.equals("client");
            boolean labelled = client || List.of("оператор", "менеджер", "operator").contains(label);
            out.add(new Line(client ? SandboxAudio.CLIENT : SandboxAudio.OPERATOR,
                    labelled ? line.substring(colon + 1).strip() : line.strip()));
        }
        return out;
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    private static Integer integer(JsonNode b, String name) {
        return b.hasNonNull(name) ? b.get(name).asInt() : null;
    }

    private Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timezone", account.timezone().getId());
        out.put("tags", account.tags().stream().map(rows::tag).toList());
        Map<String, Object> marks = new LinkedHashMap<>();
        account.allMarks().forEach((call, list) -> marks.put(String.valueOf(call), list.stream()
                .map(m -> Map.of("tag_id", m.tagId(), "tag_change_time", rows.time(m.at()))).toList()));
        out.put("call_tags", marks);
        Map<String, Object> comments = new LinkedHashMap<>();
        account.allComments().forEach((call, list) -> comments.put(String.valueOf(call), list.stream()
                .map(c -> Map.of("comment", c.text(), "time", rows.time(c.at()))).toList()));
        out.put("call_comments", comments);
        out.put("limits", limits.json());
        return out;
    }
}
