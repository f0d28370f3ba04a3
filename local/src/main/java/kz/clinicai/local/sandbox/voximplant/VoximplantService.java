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
import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.local.sandbox.SandboxContext;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.sandbox.tls.Pem;
import kz.clinicai.local.sandbox.voximplant.scenario.Callee;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioRuntime;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.shared.json.Json;

/**
 * Voximplant management API simulator at {@code /platform_api/{Method}}. Parameters come as the real API takes
 * them: query string and/or an {@code application/x-www-form-urlencoded} body. Every call needs a service-account
 * JWT signed with the key written to {@code voximplant.credentialsJson}. Failures are HTTP 200 with
 * {@code {"error":{"code":…,"msg":…}}} (codes below are the sandbox's: 100 auth, 101 parameter, 102 not found,
 * 103 conflict, 104 unknown method). Accepted calls are listed at {@code GET /_requests[?method=StartScenarios]}.
 *
 * <p>StartScenarios RUNS the scenarios bound to the rule ({@link ScenarioRuntime}: GraalJS against a simulated
 * VoxEngine and a scripted callee); more than {@value #MAX_CONCURRENT_STARTS} StartScenarios requests in flight get
 * HTTP 429. Live calls and their turns: {@code GET /calls} (page) and {@code GET /_sessions} (JSON); recordings at
 * {@code /records/{session}/{name}.wav}; callee scripts per number at {@code POST /_control/callees}; simulated time
 * at {@code POST /_control/time_scale {"scale":0.05}}.
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
    /** Voximplant's documented limit on concurrent StartScenarios requests. */
    static final int MAX_CONCURRENT_STARTS = 200;

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
    private final ScenarioRuntime runtime = new ScenarioRuntime();
    private final AtomicInteger startsInFlight = new AtomicInteger();
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
        return "Voximplant simulator: management API (JWT service account, applications, rules, scenarios) and "
                + "StartScenarios running the scenario JavaScript in GraalJS against a simulated VoxEngine and a "
                + "scripted callee (not Voximplant)";
    }

    /** Generates the service account's RSA key and writes Voximplant's credentials JSON into the work folder. */
    @Override
    public void start(SandboxContext context) throws IOException {
        mountUrl = context.httpBaseUrl() + "/" + NAME;
        runtime.openAiBaseUrl(context.httpBaseUrl() + "/openai/v1");
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
        return Map.of("Recorded API calls", "_requests", "Voximplant calls", "calls");
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
        } else if (exchange.method().equals("GET") && path.startsWith("/records/")) {
            String[] parts = path.substring("/records/".length()).split("/", 2);
            ScenarioSession.Recording rec = parts.length == 2
                    ? runtime.session(parts[0]).map(sess -> sess.recording(parts[1])).orElse(null) : null;
            if (rec == null || rec.gone()) {
                exchange.text(404, "text/plain; charset=utf-8", "Not Found");
            } else if (rec.secure() && !authorized(exchange)) {
                exchange.text(401, "text/plain; charset=utf-8", "Unauthorized");
            } else {
                exchange.respond(200, "audio/wav", rec.wav(), Map.of());
            }
        } else if (exchange.method().equals("GET") && path.equals("/calls")) {
            exchange.html(CallsPage.html());
        } else if (exchange.method().equals("GET") && path.equals("/_sessions")) {
            exchange.json(200, CallsPage.sessions(runtime, account.started()));
        } else if (exchange.method().equals("POST") && path.equals("/_control/callees")) {
            JsonNode body = exchange.bodyJson();
            String phone = body.path("phone").asText("");
            if (phone.isBlank()) {
                exchange.json(400, Map.of("error", "phone is required"));
                return;
            }
            try {
                runtime.script(phone, Callee.parse(body));
            } catch (IllegalArgumentException e) {
                exchange.json(400, Map.of("error", e.getMessage()));
                return;
            }
            exchange.json(200, Map.of("phone", phone, "scripted", true));
        } else if (exchange.method().equals("POST") && path.equals("/_control/time_scale")) {
            try {
                runtime.timeScale(exchange.bodyJson().path("scale").asDouble(1.0));
            } catch (IllegalArgumentException e) {
                exchange.json(400, Map.of("error", e.getMessage()));
                return;
            }
            exchange.json(200, Map.of("scale", runtime.timeScale()));
        }
    }

    /** Secure record storage: the same service-account JWT as the management API. */
    private boolean authorized(SandboxExchange exchange) {
        try {
            jwt.verify(exchange.header("Authorization").orElse(null));
            return true;
        } catch (VoximplantJwt.Rejected e) {
            return false;
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
        if (method.equals("StartScenarios") && startsInFlight.incrementAndGet() > MAX_CONCURRENT_STARTS) {
            startsInFlight.decrementAndGet();
            exchange.json(429, error(429, "Too many concurrent requests"));
            return;
        }
        try {
            Map<String, Object> result = switch (method) {
                case "StartScenarios" -> startScenarios(params);
                case "AddApplication" -> addApplication(params);
                case "GetApplications" -> getApplications(params);
                case "AddRule" -> addRule(params);
                case "GetRules" -> getRules(params);
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
        } finally {
            if (method.equals("StartScenarios")) {
                startsInFlight.decrementAndGet();
            }
        }
    }

    private Map<String, Object> addApplication(Map<String, String> p) throws ApiError {
        String name = required(p, "application_name");
        if (!name.matches("[a-z0-9][a-z0-9-]{4,49}")) {
            throw new ApiError(ERR_PARAM, "application_name must be 5-50 characters: a-z, 0-9 and -");
        }
        VoximplantAccount.Application a;
        try {
            a = account.addApplication(name);
        } catch (IllegalStateException e) {
            throw new ApiError(ERR_CONFLICT, e.getMessage());
        }
        return Map.of("result", 1, "application_id", a.id(), "application_name", a.name(),
                "secure_record_storage", false);
    }

    private Map<String, Object> getApplications(Map<String, String> p) throws ApiError {
        Long id = number(p, "application_id", false);
        String name = p.get("application_name");
        boolean withRules = Boolean.parseBoolean(p.getOrDefault("with_rules", "false"));
        List<VoximplantAccount.Application> all = account.applications().stream()
                .filter(a -> (id == null || a.id() == id) && (name == null
                        || account.application(null, name).map(x -> x.id() == a.id()).orElse(false)))
                .toList();
        List<Map<String, Object>> result = page(all, p).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("application_id", a.id());
            m.put("application_name", a.name());
            m.put("modified", a.modified());
            m.put("secure_record_storage", false);
            if (withRules) {
                m.put("rules", account.rules(a.id()).stream().map(r -> ruleJson(r, false)).toList());
            }
            return m;
        }).toList();
        return Map.of("result", result, "total_count", all.size(), "count", result.size());
    }

    private VoximplantAccount.Application application(Map<String, String> p) throws ApiError {
        Long id = number(p, "application_id", false);
        String name = p.get("application_name");
        if (id == null && name == null) {
            throw new ApiError(ERR_PARAM, "Parameter application_id or application_name is required");
        }
        return account.application(id, name).orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Application not found"));
    }

    private Map<String, Object> addRule(Map<String, String> p) throws ApiError {
        VoximplantAccount.Application app = application(p);
        String name = required(p, "rule_name");
        if (name.length() >= 100) {
            throw new ApiError(ERR_PARAM, "rule_name must be shorter than 100 characters");
        }
        String pattern = required(p, "rule_pattern");
        try {
            java.util.regex.Pattern.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ApiError(ERR_PARAM, "rule_pattern is not a valid regex");
        }
        List<Long> ids = new ArrayList<>();
        if (p.containsKey("scenario_id")) {
            for (String part : p.get("scenario_id").split(";")) {
                long sid = parse(part.trim(), "scenario_id");
                account.scenario(sid, null).orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Scenario " + sid + " not found"));
                ids.add(sid);
            }
        } else if (p.containsKey("scenario_name")) {
            for (String part : p.get("scenario_name").split(";")) {
                ids.add(account.scenario(null, part.trim())
                        .orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Scenario " + part + " not found")).id());
            }
        } else {
            throw new ApiError(ERR_PARAM, "Parameter scenario_id or scenario_name is required");
        }
        try {
            return Map.of("result", 1, "rule_id", account.addRule(app.id(), name, pattern, ids).id());
        } catch (IllegalStateException e) {
            throw new ApiError(ERR_CONFLICT, e.getMessage());
        }
    }

    private Map<String, Object> getRules(Map<String, String> p) throws ApiError {
        VoximplantAccount.Application app = application(p);
        Long ruleId = number(p, "rule_id", false);
        String ruleName = p.get("rule_name");
        boolean withScenarios = Boolean.parseBoolean(p.getOrDefault("with_scenarios", "false"));
        List<VoximplantAccount.Rule> all = account.rules(app.id()).stream()
                .filter(r -> (ruleId == null || r.id() == ruleId) && (ruleName == null || r.name().equals(ruleName)))
                .toList();
        List<Map<String, Object>> result = page(all, p).stream().map(r -> ruleJson(r, withScenarios)).toList();
        return Map.of("result", result, "total_count", all.size(), "count", result.size());
    }

    private Map<String, Object> ruleJson(VoximplantAccount.Rule r, boolean withScenarios) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule_id", r.id());
        m.put("application_id", r.applicationId());
        m.put("rule_name", r.name());
        m.put("rule_pattern", r.pattern());
        m.put("video_conference", false);
        m.put("modified", r.modified());
        if (withScenarios) {
            m.put("scenarios", account.boundScenarios(r).stream().map(s -> Map.of("scenario_id", s.id(),
                    "scenario_name", s.name())).toList());
        }
        return m;
    }

    private static <T> List<T> page(List<T> all, Map<String, String> p) throws ApiError {
        long offset = Optional.ofNullable(number(p, "offset", false)).orElse(0L);
        long count = Optional.ofNullable(number(p, "count", false)).orElse(20L);
        return all.stream().skip(offset).limit(count).toList();
    }

    private static long parse(String v, String name) throws ApiError {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(ERR_PARAM, "Parameter " + name + " must be a number list");
        }
    }

    private Map<String, Object> startScenarios(Map<String, String> p) throws ApiError {
        VoximplantAccount.Rule rule = account.rule(number(p, "rule_id", true), null)
                .orElseThrow(() -> new ApiError(ERR_NOT_FOUND, "Rule " + p.get("rule_id") + " not found"));
        String customData = p.get("script_custom_data");
        if (customData != null && customData.getBytes(StandardCharsets.UTF_8).length > 200) {
            throw new ApiError(ERR_PARAM, "script_custom_data must be at most 200 bytes");
        }
        VoximplantAccount.Started s = account.start(rule, customData);
        String url = mountUrl + "/media_session/" + s.mediaSessionId();
        List<VoximplantAccount.Scenario> bound = account.boundScenarios(rule);
        if (!bound.isEmpty()) {
            // Scenarios bound to one rule run in one JS space, in binding order.
            String script = String.join("\n;\n", bound.stream().map(VoximplantAccount.Scenario::script).toList());
            runtime.start(s.mediaSessionId(), customData, script, mountUrl + "/records");
        }
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

    /** The scenario runtime (in-process tests read sessions from it). */
    public ScenarioRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public void reset() {
        runtime.reset();
        account.reset();
        synchronized (requests) {
            requests.clear();
        }
    }
}
