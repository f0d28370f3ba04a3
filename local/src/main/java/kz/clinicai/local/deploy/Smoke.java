package kz.clinicai.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The check after {@code sam deploy} (docs/deploy.md): one request per part of a deployed stack — health, the
 * console's start page and its OpenAPI document, and one authenticated call per capability with the keys the
 * bootstrap stored — each printed as {@code ok}, {@code FAIL} (with what came back) or {@code skip} (with what to
 * give for it). Reads secrets, never prints them; changes nothing but a Telegram no-op update and an empty chat poll.
 */
public final class Smoke {

    /** One part's verdict. */
    public record Check(String part, Status status, String detail) {
    }

    public enum Status { OK, FAIL, SKIP }

    /**
     * @param api           the stack's ApiUrl output (https://…execute-api…/)
     * @param consoleKey    a console API key (ck_…) for the console API; empty: only its refusal is checked
     * @param clinic        a clinic's slug for the voicebot; empty: only its refusal is checked
     * @param acsToken      that clinic's ACS token
     * @param appointment   an InfoClinica SCHEDID of that clinic to ask about; empty: an unknown one (404 "Запись не
     *                      найдена" still proves the clinic's certificate and InfoClinica answer)
     * @param webhookUrl    the CallsWebhookUrl output; empty: skipped
     */
    public record Target(String api, Map<String, String> parameters, String consoleKey, String clinic, String acsToken,
                         String appointment, String webhookUrl) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(35);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecretsManagerClient secrets;
    private final PrintStream out;

    public Smoke(SecretsManagerClient secrets, PrintStream out) {
        this.secrets = secrets;
        this.out = out;
    }

    public List<Check> run(Target t) {
        String api = t.api().endsWith("/") ? t.api().substring(0, t.api().length() - 1) : t.api();
        List<Check> checks = new ArrayList<>();
        checks.add(check("health", () -> {
            HttpResponse<String> r = send("GET", api + "/health", null);
            return expect(r, 200, b -> "ok".equals(b.path("status").asText()), "status ok");
        }));
        checks.add(check("console", () -> {
            HttpResponse<String> r = send("GET", api + "/console", null);
            if (r.statusCode() != 200 && r.statusCode() != 302) {
                return fail(r, "the start page (200 or 302 to the login)");
            }
            HttpResponse<String> doc = send("GET", api + "/console/static/openapi.yaml", null);
            return doc.statusCode() == 200 && doc.body().startsWith("openapi: 3.1") ? ok("start page "
                    + r.statusCode() + ", /console/static/openapi.yaml served") : fail(doc, "the OpenAPI document");
        }));
        checks.add(check("assistants", () -> {
            String key = secret(t, "AssistantsApiSecretName", "api_key");
            HttpResponse<String> r = send("GET", api + "/api/assistants/info?name=clinicai-smoke-check", null,
                    "x-api-key", key);
            // 404: the key was accepted and the table read; no such assistant is expected.
            return r.statusCode() == 200 || error(r, 404, "assistant_not_found") ? ok("key accepted, table read")
                    : fail(r, "200, or 404 assistant_not_found");
        }));
        checks.add(check("chat", () -> {
            String token = "smoke-" + SecretPlan.token(new SecureRandom(), 24);
            HttpResponse<String> r = send("GET", api + "/message", null, "chat-token", token);
            return expect(r, 200, b -> b.path("messages").isArray(), "messages []");
        }));
        checks.add(check("telegram", () -> {
            String secret = secret(t, "TelegramSecretName", "webhook_secret");
            HttpResponse<String> r = send("POST", api + "/telegram/webhook", "{\"update_id\":0}",
                    "X-Telegram-Bot-Api-Secret-Token", secret);
            return expect(r, 200, b -> true, "the webhook secret accepted");
        }));
        checks.add(check("calls", () -> {
            String key = secret(t, "CallsApiSecretName", "api_key");
            HttpResponse<String> r = send("GET", api + "/calls?limit=1", null, "x-api-key", key);
            return expect(r, 200, b -> b.path("calls").isArray(), "calls listed");
        }));
        checks.add(check("calls-webhook", () -> {
            if (t.webhookUrl().isBlank()) {
                return skip("give --calls-webhook-url (output CallsWebhookUrl)");
            }
            HttpResponse<String> r = send("POST", t.webhookUrl(), "{\"type\":\"config\",\"call_id\":\"smoke\"}");
            // Unsigned: the function URL answers and refuses it, which is all that can be asked without a call.
            return error(r, 401, null) ? ok("function URL up, unsigned request refused") : fail(r, "401 unsigned");
        }));
        checks.add(check("analytics", () -> {
            String key = secret(t, "AnalyticsApiSecretName", "api_key");
            HttpResponse<String> r = send("GET", api + "/analytics/profiles", null, "x-api-key", key);
            return expect(r, 200, b -> b.path("profiles").isArray(), "profiles listed");
        }));
        checks.add(check("voicebot", () -> {
            if (t.clinic().isBlank() || t.acsToken().isBlank()) {
                HttpResponse<String> r = send("POST", api + "/voicebot/smoke-check/v1",
                        "{\"appointment_id\":1,\"user_input\":\"проверка\"}");
                return r.statusCode() / 100 == 4 && "error".equals(json(r).path("status").asText())
                        ? skip("up (refused without a token); give --clinic and --acs-token for a real turn")
                        : fail(r, "a 4xx ACS error without a token");
            }
            String appointment = t.appointment().isBlank() ? "1" : t.appointment();
            HttpResponse<String> r = send("POST", api + "/voicebot/" + t.clinic() + "/v1",
                    "{\"appointment_id\":" + Long.parseLong(appointment) + ",\"user_input\":\"Когда у меня запись?\"}",
                    "authorization", "Bearer " + t.acsToken());
            if (r.statusCode() == 200) {
                return ok("answered " + json(r).path("status").asText());
            }
            return r.statusCode() == 404 && t.appointment().isBlank()
                    ? ok("clinic, certificate and InfoClinica answer (no appointment 1: give --appointment)")
                    : fail(r, "200 (" + (t.appointment().isBlank() ? "or 404 for appointment 1" : "the appointment")
                    + ")");
        }));
        checks.add(check("console-api", () -> {
            if (t.consoleKey().isBlank()) {
                HttpResponse<String> r = send("GET", api + "/api/assistants", null);
                return error(r, 401, "unauthorized")
                        ? skip("up (401 without a key); give --console-key ck_… (console → Settings → API keys)")
                        : fail(r, "401 unauthorized without a key");
            }
            HttpResponse<String> r = send("GET", api + "/api/assistants", null, "Authorization",
                    "Bearer " + t.consoleKey());
            return expect(r, 200, b -> b.path("data").isArray(), "assistants listed");
        }));
        for (Check c : checks) {
            out.printf("%-4s  %-13s %s%n", c.status() == Status.OK ? "ok" : c.status().name(), c.part(), c.detail());
        }
        long failed = checks.stream().filter(c -> c.status() == Status.FAIL).count();
        out.println(failed == 0 ? "Smoke check passed." : failed + " part(s) failed: see FAIL above.");
        return checks;
    }

    // ------------------------------------------------------------------ helpers

    private interface Probe {
        Check get() throws Exception;
    }

    private static Check check(String part, Probe probe) {
        try {
            Check c = probe.get();
            return new Check(part, c.status(), c.detail());
        } catch (Exception e) {
            return new Check(part, Status.FAIL, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Check ok(String detail) {
        return new Check("", Status.OK, detail);
    }

    private static Check skip(String detail) {
        return new Check("", Status.SKIP, detail);
    }

    private static Check fail(HttpResponse<String> r, String wanted) {
        String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
        return new Check("", Status.FAIL, "wanted " + wanted + ", got " + r.statusCode() + " "
                + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
    }

    private static Check expect(HttpResponse<String> r, int status, Predicate<JsonNode> body, String what) {
        return r.statusCode() == status && body.test(json(r)) ? ok(what) : fail(r, status + " with " + what);
    }

    private static boolean error(HttpResponse<String> r, int status, String code) {
        return r.statusCode() == status && (code == null || code.equals(json(r).path("error").asText()));
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException | RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private String secret(Target t, String parameter, String key) {
        String name = t.parameters().getOrDefault(parameter, "");
        String text = secrets.getSecretValue(b -> b.secretId(name)).secretString();
        try {
            String value = Json.mapper().readTree(text).path(key).asText("");
            if (value.isEmpty()) {
                throw new IllegalStateException("secret " + name + " has no " + key + " (run bootstrap)");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("secret " + name + " is not JSON");
        }
    }

    private HttpResponse<String> send(String method, String url, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
