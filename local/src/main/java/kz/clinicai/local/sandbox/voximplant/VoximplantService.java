package kz.clinicai.local.sandbox.voximplant;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kz.clinicai.local.sandbox.SandboxContext;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.sandbox.tls.Pem;
import kz.clinicai.shared.json.Json;

/**
 * Voximplant management API simulator at {@code /platform_api/{Method}}. Parameters come as the real API takes
 * them: query string and/or an {@code application/x-www-form-urlencoded} body. Every call needs a service-account
 * JWT signed with the key written to {@code voximplant.credentialsJson}. Failures are HTTP 200 with
 * {@code {"error":{"code":…,"msg":…}}} (codes below are the sandbox's: 100 auth, 101 parameter, 102 not found,
 * 103 conflict, 104 unknown method). Accepted calls are listed at {@code GET /_requests[?method=StartScenarios]}.
 */
public final class VoximplantService implements SandboxService {

    public static final String NAME = "voximplant";
    public static final String ACCOUNT_ID = "1000001";
    static final int MAX_SCRIPT_BYTES = 128 * 1024;
    static final int MAX_SCENARIO_NAME = 30;

    static final int ERR_AUTH = 100;
    static final int ERR_PARAM = 101;
    static final int ERR_NOT_FOUND = 102;
    static final int ERR_CONFLICT = 103;
    static final int ERR_METHOD = 104;

    /** An API failure answered as Voximplant's error object. */
    private static final class ApiError extends Exception {
        final int code;

        ApiError(int code, String msg) {
            super(msg);
            this.code = code;
        }
    }

    private final Clock clock;
    private final VoximplantAccount account;
    private final String keyId;
    private final List<Map<String, Object>> requests = new ArrayList<>();
    private VoximplantJwt jwt;
    private Path credentials;
    private String mountUrl;

    public VoximplantService() {
        this(Clock.systemUTC());
    }

    public VoximplantService(Clock clock) {
        this.clock = clock;
        this.account = new VoximplantAccount(clock);
        this.keyId = UUID.nameUUIDFromBytes("clinicai-sandbox-voximplant-key".getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Voximplant management API simulator (JWT service account, scenarios, StartScenarios recorder)";
    }

    /** Generates the service account's RSA key and writes Voximplant's credentials JSON into the work folder. */
    @Override
    public void start(SandboxContext context) throws IOException {
        mountUrl = context.httpBaseUrl() + "/" + NAME;
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
        jwt = new VoximplantJwt(ACCOUNT_ID, keyId, pair.getPublic(), clock);
        Path dir = Files.createDirectories(context.workDir().resolve(NAME));
        credentials = dir.resolve("credentials.json");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("account_email", "sandbox@clinicai.local");
        file.put("account_id", Long.parseLong(ACCOUNT_ID));
        file.put("key_id", keyId);
        file.put("private_key", Pem.privateKey(pair.getPrivate()));
        Files.write(credentials, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("voximplant.baseUrl", mountedBaseUrl + "/platform_api");
        out.put("voximplant.accountId", ACCOUNT_ID);
        out.put("voximplant.keyId", keyId);
        out.put("voximplant.credentialsJson", credentials.toString());
        return out;
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Recorded API calls", "_requests");
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        if (path.startsWith("/platform_api/") && (exchange.method().equals("POST") || exchange.method().equals("GET"))) {
            api(exchange, path.substring("/platform_api/".length()));
        } else if (exchange.method().equals("GET") && path.equals("/_requests")) {
            String method = exchange.query().get("method");
            synchronized (requests) {
                exchange.json(200, Map.of("requests", requests.stream()
                        .filter(r -> method == null || method.equals(r.get("method"))).toList()));
            }
        } else if (exchange.method().equals("POST") && path.startsWith("/media_session/")) {
            // The running scenario's control URL: accepted and recorded, as the real session would get it.
            record("media_session", Map.of("session", path.substring("/media_session/".length()),
                    "body", exchange.bodyText()), Map.of());
            exchange.text(200, "text/plain; charset=utf-8", "OK");
        } else if (exchange.method().equals("POST") && path.equals("/_control/reset")) {
            reset();
            exchange.json(200, Map.of("reset", true));
        }
    }

    private void api(SandboxExchange exchange, String method) throws IOException {
        Map<String, String> params = new LinkedHashMap<>(exchange.query());
        String contentType = exchange.header("Content-Type").orElse("");
        if (exchange.method().equals("POST") && contentType.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(form(exchange.bodyText()));
        }
        try {
            jwt.verify(exchange.header("Authorization").orElse(null));
        } catch (VoximplantJwt.Rejected e) {
            exchange.json(200, error(ERR_AUTH, "Authorization failed: " + e.getMessage()));
            return;
        }
        try {
            Map<String, Object> result = switch (method) {
                case "StartScenarios" -> startScenarios(params);
                case "AddScenario" -> addScenario(params);
                case "SetScenarioInfo" -> setScenarioInfo(params);
                case "BindScenario" -> bindScenario(params);
                case "GetScenarios" -> getScenarios(params);
                default -> throw new ApiError(ERR_METHOD, "Unknown method " + method);
            };
            Map<String, String> logged = new LinkedHashMap<>(params);
            logged.computeIfPresent("scenario_script", (k, v) -> v.length() + " chars");
            record(method, logged, result);
            exchange.json(200, result);
        } catch (ApiError e) {
            exchange.json(200, error(e.code, e.getMessage()));
        }
    }

    private Map<String, Object> startScenarios(Map<String, String> p) throws ApiError {
        VoximplantAccount.Rule rule = account.rule(number(p, "rule_id", true), null)
                .orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Rule " + p.get("rule_id") + " not found"));
        VoximplantAccount.Started s = account.start(rule, p.get("script_custom_data"));
        String url = mountUrl + "/media_session/" + s.mediaSessionId();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", 1);
        out.put("media_session_access_url", url);
        // The sandbox has no TLS endpoint for sessions; the "secure" URL is the same loopback address.
        out.put("media_session_access_secure_url", url);
        out.put("call_session_history_id", s.callSessionHistoryId());
        return out;
    }

    private Map<String, Object> addScenario(Map<String, String> p) throws ApiError {
        String name = required(p, "scenario_name");
        if (name.length() >= MAX_SCENARIO_NAME) {
            throw new ApiError(ERR_PARAM, "scenario_name must be shorter than " + MAX_SCENARIO_NAME + " characters");
        }
        String script = script(p);
        VoximplantAccount.Rule rule = optionalRule(p);
        VoximplantAccount.Scenario s;
        try {
            s = account.addScenario(name, script, Boolean.parseBoolean(p.getOrDefault("rewrite", "false")));
        } catch (IllegalStateException e) {
            throw new ApiError(ERR_CONFLICT, e.getMessage());
        }
        if (rule != null) {
            account.bind(s, rule, true);
        }
        return Map.of("result", 1, "scenario_id", s.id());
    }

    private Map<String, Object> setScenarioInfo(Map<String, String> p) throws ApiError {
        VoximplantAccount.Scenario s = account.scenario(number(p, "scenario_id", false),
                p.get("required_scenario_name")).orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Scenario not found"));
        String newName = p.get("scenario_name");
        if (newName != null && newName.length() >= MAX_SCENARIO_NAME) {
            throw new ApiError(ERR_PARAM, "scenario_name must be shorter than " + MAX_SCENARIO_NAME + " characters");
        }
        account.update(s, newName, script(p));
        return Map.of("result", 1);
    }

    private Map<String, Object> bindScenario(Map<String, String> p) throws ApiError {
        VoximplantAccount.Scenario s = account.scenario(number(p, "scenario_id", false), p.get("scenario_name"))
                .orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Scenario not found"));
        VoximplantAccount.Rule rule = account.rule(number(p, "rule_id", false), p.get("rule_name"))
                .orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Rule not found"));
        Long appId = number(p, "application_id", false);
        String appName = p.get("application_name");
        if ((appId == null && appName == null) || (appId != null && appId != rule.applicationId())
                || (appId == null && !appName.equals(VoximplantAccount.APPLICATION_NAME))) {
            throw new ApiError(ERR_NOT_FOUND, "Application not found or the rule belongs to another one");
        }
        account.bind(s, rule, Boolean.parseBoolean(p.getOrDefault("bind", "true")));
        return Map.of("result", 1);
    }

    private Map<String, Object> getScenarios(Map<String, String> p) throws ApiError {
        Long id = number(p, "scenario_id", false);
        String name = p.get("scenario_name");
        boolean withScript = Boolean.parseBoolean(p.getOrDefault("with_script", "false"));
        List<VoximplantAccount.Scenario> all = account.scenarios().stream()
                .filter(s -> (id == null || s.id() == id) && (name == null || s.name().equals(name))).toList();
        long offset = Optional.ofNullable(number(p, "offset", false)).orElse(0L);
        long count = Optional.ofNullable(number(p, "count", false)).orElse(20L);
        List<Map<String, Object>> result = all.stream().skip(offset).limit(count).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario_id", s.id());
            m.put("scenario_name", s.name());
            m.put("modified", s.modified());
            if (withScript) {
                m.put("scenario_script", s.script());
            }
            return m;
        }).toList();
        return Map.of("result", result, "total_count", all.size(), "count", result.size());
    }

    private VoximplantAccount.Rule optionalRule(Map<String, String> p) throws ApiError {
        Long ruleId = number(p, "rule_id", false);
        String ruleName = p.get("rule_name");
        if (ruleId == null && ruleName == null) {
            return null;
        }
        return account.rule(ruleId, ruleName).orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Rule not found"));
    }

    private static String script(Map<String, String> p) throws ApiError {
        String script = p.get("scenario_script");
        if (script != null && script.getBytes(StandardCharsets.UTF_8).length >= MAX_SCRIPT_BYTES) {
            throw new ApiError(ERR_PARAM, "scenario_script must be less than 128 KB");
        }
        return script;
    }

    private static String required(Map<String, String> p, String name) throws ApiError {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new ApiError(ERR_PARAM, "Parameter " + name + " is required");
        }
        return v;
    }

    private static Long number(Map<String, String> p, String name, boolean required) throws ApiError {
        String v = required ? required(p, name) : p.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(ERR_PARAM, "Parameter " + name + " must be a number");
        }
    }

    private static Map<String, Object> error(int code, String msg) {
        return Map.of("error", Map.of("code", code, "msg", msg));
    }

    private void record(String method, Map<String, String> params, Map<String, Object> result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("method", method);
        entry.put("params", params);
        entry.put("response", result);
        synchronized (requests) {
            requests.add(entry);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** StartScenarios calls so far, oldest first (for in-process tests of later features). */
    public List<Map<String, Object>> startedScenarios() {
        return account.started().stream().map(s -> Map.<String, Object>of("call_session_history_id",
                s.callSessionHistoryId(), "rule_id", s.ruleId(), "script_custom_data",
                s.scriptCustomData() == null ? "" : s.scriptCustomData(), "started_at", s.startedAt())).toList();
    }

    @Override
    public void reset() {
        account.reset();
        synchronized (requests) {
            requests.clear();
        }
    }
}
