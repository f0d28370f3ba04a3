package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import kz.clinicai.local.sandbox.telegram.TelegramSandbox;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * A seeded, bounded fuzz of every HttpApi route of the real template (read from it, so new routes are fuzzed too):
 * malformed JSON, wrong JSON types, oversized values, control and zero-width characters, odd numbers ("NaN",
 * 1e400), header oddities (wrong content types, huge or broken tokens and keys). The platform must answer every one
 * without a 5xx, and every error as JSON. Rerun with another seed: {@code -Dfuzz.seed=N -Dfuzz.requests=N}.
 */
class ApiFuzzIT {

    static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 400);

    record Route(String method, String path) {
    }

    record Result(Route route, String description, int status, String contentType, String body) {
    }

    final Random random = new Random(SEED);

    @Test
    void everyRouteAnswersMalformedInputWithoutA5xxAndEveryErrorAsJson() {
        var stack = ChatStackFixture.stack();
        List<Route> routes = new ArrayList<>();
        for (FunctionDef f : stack.world().template().functions()) {
            for (EventSource.HttpApiRoute r : f.events(EventSource.HttpApiRoute.class)) {
                routes.add(new Route(r.method().toUpperCase(), r.path()));
            }
        }
        assertThat(routes).hasSizeGreaterThanOrEqualTo(9);

        List<Result> results = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Route route = routes.get(i % routes.size());
            results.add(fire(stack.apiUrl(), route));
        }

        Map<Integer, Integer> byStatus = new TreeMap<>();
        results.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        System.out.println("FIGURE fuzz: " + results.size() + " requests over " + routes.size() + " routes (seed "
                + SEED + "), by status " + byStatus);
        List<Result> serverErrors = results.stream().filter(r -> r.status() >= 500).toList();
        assertThat(serverErrors).withFailMessage(() -> "5xx answers:\n" + describe(serverErrors)).isEmpty();
        List<Result> nonJsonErrors = results.stream()
                .filter(r -> r.status() >= 400 && !isJson(r))
                .toList();
        assertThat(nonJsonErrors).withFailMessage(() -> "errors that are not JSON:\n" + describe(nonJsonErrors)).isEmpty();
        // The fuzz really reaches the handlers' validation, not only one generic refusal.
        assertThat(byStatus.keySet()).contains(400);
    }

    private Result fire(String api, Route route) {
        String path = route.path();
        String description;
        while (path.contains("{")) {
            int open = path.indexOf('{');
            int close = path.indexOf('}', open);
            path = path.substring(0, open) + URLEncoder.encode(pathValue(), StandardCharsets.UTF_8).replace("+", "%20")
                    + path.substring(close + 1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headerCase = random.nextInt(6);
        switch (headerCase) {
            case 0 -> headers.put("Content-Type", "application/json");
            case 1 -> headers.put("Content-Type", "text/plain");
            case 2 -> headers.put("Content-Type", "application/json; charset=utf-16");
            case 3 -> { }
            case 4 -> headers.put("Content-Type", "multipart/form-data; boundary=x");
            default -> headers.put("Content-Type", "application/json");
        }
        // Credentials: right, wrong, huge or with odd characters.
        headers.put("chat-token", pick(List.of("fuzz-" + Long.toHexString(random.nextLong()) + "-token-abcdef",
                "short", "x".repeat(5000), "токен-кириллицей-0000000000", "fuzz token with spaces 000000")));
        headers.put("x-api-key", pick(List.of("local-assistants-key", "wrong-key-0000000000", "k".repeat(4000), "")));
        headers.put("X-Telegram-Bot-Api-Secret-Token", pick(List.of(TelegramSandbox.WEBHOOK_SECRET,
                TelegramSandbox.WEBHOOK_SECRET, "wrong", "s".repeat(3000))));
        headers.entrySet().removeIf(e -> e.getValue().isEmpty());

        String query = "";
        if (random.nextInt(3) == 0) {
            query = "?" + pick(List.of("name", "id", "x", "name", "id")) + "="
                    + URLEncoder.encode(pathValue(), StandardCharsets.UTF_8);
        }
        String body = "GET".equals(route.method()) ? null : body(route);
        description = route.method() + " " + path + query + " headers=" + headers.keySet() + " body="
                + (body == null ? "-" : abbreviate(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path + query))
                .timeout(Duration.ofSeconds(40))
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach((name, value) -> {
            try {
                request.header(name, value);
            } catch (IllegalArgumentException e) {
                // java.net.http refuses some header values outright; the fuzz moves on without them.
            }
        });
        HttpResponse<String> response = ChatStackFixture.send(request.build());
        return new Result(route, description, response.statusCode(),
                response.headers().firstValue("content-type").orElse(""), response.body());
    }

    private String pathValue() {
        return pick(List.of("infoclinica-clinic", "no-such-clinic", "a".repeat(3000), "ключ-" + "я".repeat(600),
                "with\u0000nul", "zero\u200bwidth", "../../etc/passwd", "%", " ", "1e400", "NaN"));
    }

    private String body(Route route) {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[1,2,3]";
            case 3 -> "\"just a string\"";
            case 4 -> "{\"message\": " + pick(List.of("5", "true", "null", "[\"a\"]", "{\"x\":1}", "1e400")) + "}";
            case 5 -> "{\"message\": \"" + pick(List.of(" \\t\\n ", "\\u200b\\u200b", "\\u0000\\u0001", "\\u2060",
                    "x".repeat(2500), "нормальный вопрос")) + "\"}";
            case 6 -> "{\"appointment_id\": " + pick(List.of("123456", "\"123456\"", "-1", "1e400", "\"NaN\"",
                    "9".repeat(40), "null", "{}")) + ", \"user_input\": " + pick(List.of("\"Хочу записаться\"", "5",
                    "\"" + "и".repeat(1200) + "\"", "\"\\u0000\"", "null")) + "}";
            // A live model (no shutdown date): what happens to the body does not depend on the day. It reasons, so a
            // numeric temperature is refused (400) and a null one saved, as the bad values are refused before either.
            case 7 -> "{\"name\": " + pick(List.of("\"fuzz-assistant\"", "\"" + "n".repeat(3000) + "\"", "7",
                    "\"имя\"")) + ", \"model\": \"gpt-6-luna\", \"instructions\": \"Отвечай кратко\", \"temperature\": "
                    + pick(List.of("\"NaN\"", "\"0.5\"", "0.5", "1e400", "-1", "null", "\"Infinity\"")) + "}";
            case 8 -> telegramUpdate();
            case 9 -> "{\"reason\": " + pick(List.of("1", "\"" + "р".repeat(5000) + "\"", "false", "\"\\u0007\"")) + "}";
            case 10 -> "{\"message\":\"ok\"} trailing";
            default -> "x".repeat(20_000 + random.nextInt(20_000));
        };
    }

    private String telegramUpdate() {
        var update = Json.mapper().createObjectNode().put("update_id", random.nextInt(1_000_000));
        if (random.nextBoolean()) {
            var query = update.putObject("callback_query").put("id", "fuzz-" + random.nextInt())
                    .put("data", pick(List.of("take:" + "r".repeat(200), "ai:x", "take:", ":", "take:\u0000",
                            "take:" + "я".repeat(40))));
            query.putObject("from").put("id", 900_000_000L + random.nextInt(1000)).put("is_bot", false)
                    .put("first_name", "Fuzz");
        } else {
            var message = update.putObject("message").put("message_id", random.nextInt(1000)).put("date", 1795260000L)
                    .put("text", pick(List.of("/start", "/approve " + "9".repeat(30), "/finish", "\u200b",
                            "x".repeat(5000), "/approve abc")));
            message.putObject("from").put("id", 900_000_000L + random.nextInt(1000)).put("is_bot", false)
                    .put("first_name", "Fuzz");
            message.putObject("chat").put("id", 900_000_000L).put("type", pick(List.of("private", "group")));
            if (random.nextInt(4) == 0) {
                message.putObject("reply_to_message").put("message_id", Long.MAX_VALUE);
            }
        }
        String json = update.toString();
        return random.nextInt(5) == 0 ? json.replace("\"update_id\":", "\"update_id\":\"x\",\"u\":") : json;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static boolean isJson(Result r) {
        if (!r.contentType().toLowerCase().startsWith("application/json")) {
            return false;
        }
        try {
            Json.mapper().readTree(r.body());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String describe(List<Result> results) {
        StringBuilder out = new StringBuilder();
        results.stream().limit(20).forEach(r -> out.append("  ").append(r.status()).append(' ')
                .append(r.description()).append(" -> ").append(abbreviate(r.body())).append('\n'));
        return out.toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…(" + oneLine.length() + ")";
    }
}
