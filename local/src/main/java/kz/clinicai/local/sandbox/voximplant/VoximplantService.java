package kz.clinicai.local.sandbox.voximplant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.local.sandbox.FaultGate;
import kz.clinicai.local.sandbox.Faults;
import kz.clinicai.local.sandbox.SandboxContext;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.sandbox.tls.Pem;
import kz.clinicai.local.sandbox.tls.SandboxPki;
import kz.clinicai.local.sandbox.voximplant.scenario.Callee;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioRuntime;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.shared.json.Json;

/**
 * Voximplant management API simulator at {@code /platform_api/{Method}} and {@code /platform_api} with
 * {@code cmd={Method}} ({@link PlatformRequest}): parameters in the query string, a form-urlencoded or a
 * multipart/form-data body; only the methods and parameters the official client declares ({@link PlatformMethods}).
 * Every call needs a service-account JWT signed with the key written to {@code voximplant.credentialsJson}.
 * Failures are HTTP 200 with {@code {"error":{"msg":…,"code":…}}} and the official client's codes
 * ({@link PlatformError}). Accepted calls are listed at {@code GET /_requests[?method=StartScenarios]}.
 * The official clients always call {@code https://{host}/platform_api}, so the same API is also served over TLS at
 * {@code voximplant.httpsHost} with a certificate from the sandbox CA at {@code voximplant.caCertPem}.
 *
 * <p>StartScenarios RUNS the scenarios bound to the rule ({@link ScenarioRuntime}: GraalJS against a simulated
 * VoxEngine and a scripted callee); more than {@value #MAX_CONCURRENT_STARTS} StartScenarios requests in flight get
 * HTTP 429. Live calls and their turns: {@code GET /calls} (page) and {@code GET /_sessions} (JSON); recordings at
 * {@code /records/{session}/{name}.wav}; callee scripts per number at {@code POST /_control/callees} (one callee, or
 * {@code attempts}: one per dial); simulated time
 * at {@code POST /_control/time_scale {"scale":0.05}}.
 */
public final class VoximplantService implements SandboxService {

    public static final String NAME = "voximplant";
    public static final String ACCOUNT_ID = "1000001";
    static final int MAX_SCRIPT_BYTES = 128 * 1024;
    static final int MAX_SCENARIO_NAME = 30;

    /** Voximplant's documented limit on concurrent StartScenarios requests. */
    static final int MAX_CONCURRENT_STARTS = 200;

    private final Clock clock;
    private final VoximplantAccount account;
    private final String keyId;
    private final List<Map<String, Object>> requests = new ArrayList<>();
    private final ScenarioRuntime runtime = new ScenarioRuntime();
    private final AtomicInteger startsInFlight = new AtomicInteger();
    private VoximplantJwt jwt;
    private Path credentials;
    private String mountUrl;
    private Path caCert;
    private HttpsServer https;
    private ExecutorService httpsExecutor;
    private Faults faults;

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
        startHttps(dir, context.faults());
    }

    /** {@code https://127.0.0.1:{port}/platform_api}: where an official client with {@code host} set can reach us. */
    private void startHttps(Path dir, Faults faults) throws IOException {
        this.faults = faults;
        SandboxPki pki = SandboxPki.create("clinicai sandbox Voximplant CA");
        caCert = dir.resolve("ca.crt.pem");
        Files.writeString(caCert, Pem.certificate(pki.caCertificate()));
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        https.setHttpsConfigurator(new HttpsConfigurator(pki.context(pki.issueServer("127.0.0.1"))));
        httpsExecutor = Executors.newVirtualThreadPerTaskExecutor();
        https.setExecutor(httpsExecutor);
        https.createContext("/platform_api", this::serveHttps);
        https.start();
    }

    private void serveHttps(HttpExchange raw) throws IOException {
        SandboxExchange exchange = FaultGate.exchange(raw, raw.getRequestURI().getRawPath());
        try {
            if (FaultGate.injure(faults, this, exchange)) {
                return;
            }
            handle(exchange);
            if (!exchange.responded()) {
                exchange.json(404, Map.of("error", "no " + exchange.method() + " " + exchange.path()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            raw.close();
        } catch (RuntimeException e) {
            exchange.json(500, Map.of("error", "sandbox failure: " + e));
        }
    }

    /** {@code 127.0.0.1:{port}}: the official clients' {@code host} parameter. */
    public String httpsHost() {
        return "127.0.0.1:" + https.getAddress().getPort();
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("voximplant.baseUrl", mountedBaseUrl + "/platform_api");
        out.put("voximplant.accountId", ACCOUNT_ID);
        out.put("voximplant.keyId", keyId);
        out.put("voximplant.credentialsJson", credentials.toString());
        out.put("voximplant.httpsHost", httpsHost());
        out.put("voximplant.caCertPem", caCert.toString());
        return out;
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Recorded API calls", "_requests", "Voximplant calls", "calls");
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        if ((path.equals("/platform_api") || path.startsWith("/platform_api/"))
                && (exchange.method().equals("POST") || exchange.method().equals("GET"))) {
            api(exchange, path.substring("/platform_api".length()));
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
            List<Callee> attempts;
            try {
                attempts = Callee.parseAttempts(body);
                runtime.script(phone, attempts);
            } catch (IllegalArgumentException e) {
                exchange.json(400, Map.of("error", e.getMessage()));
                return;
            }
            exchange.json(200, Map.of("phone", phone, "scripted", true, "attempts", attempts.size()));
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

    private void api(SandboxExchange exchange, String apiPath) throws IOException {
        PlatformRequest request;
        try {
            request = PlatformRequest.parse(exchange, apiPath);
            jwt.verify(exchange.header("Authorization").orElse(null));
        } catch (PlatformError e) {
            exchange.json(200, e.body());
            return;
        } catch (VoximplantJwt.Rejected e) {
            exchange.json(200, new PlatformError(PlatformError.AUTHORIZATION_FAILED,
                    "Authorization failed: " + e.getMessage()).body());
            return;
        }
        String method = request.method();
        Map<String, String> params = request.params();
        // The documented limit: more than 200 concurrent StartScenarios requests get HTTP 429 (Too Many Requests).
        if (method.equals("StartScenarios") && startsInFlight.incrementAndGet() > MAX_CONCURRENT_STARTS) {
            startsInFlight.decrementAndGet();
            exchange.json(429, new PlatformError(429, "Too Many Requests: at most " + MAX_CONCURRENT_STARTS
                    + " concurrent StartScenarios requests").body());
            return;
        }
        try {
            PlatformMethods.check(method, params);
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
                default -> throw new PlatformError(PlatformError.UNKNOWN_COMMAND, "Unknown command: " + method);
            };
            Map<String, String> logged = new LinkedHashMap<>(params);
            logged.computeIfPresent("scenario_script", (k, v) -> v.length() + " chars");
            record(method, logged, result);
            exchange.json(200, result);
        } catch (PlatformError e) {
            exchange.json(200, e.body());
        } finally {
            if (method.equals("StartScenarios")) {
                startsInFlight.decrementAndGet();
            }
        }
    }

    private Map<String, Object> addApplication(Map<String, String> p) throws PlatformError {
        String name = required(p, "application_name");
        // The declared format: short application name in the [a-z][a-z0-9-]{1,64} format.
        if (!name.matches("[a-z][a-z0-9-]{1,64}")) {
            throw new PlatformError(PlatformError.INVALID_APPLICATION_NAME,
                    "Invalid application name: the short name must match [a-z][a-z0-9-]{1,64}");
        }
        VoximplantAccount.Application a;
        try {
            a = account.addApplication(name);
        } catch (IllegalStateException e) {
            throw new PlatformError(PlatformError.APPLICATION_NAME_ISNT_UNIQUE, "Application name is not unique: "
                    + e.getMessage());
        }
        return Map.of("result", 1, "application_id", a.id(), "application_name", a.name(),
                "secure_record_storage", false);
    }

    private Map<String, Object> getApplications(Map<String, String> p) throws PlatformError {
        Long id = number(p, "application_id", false);
        String name = p.get("application_name");
        boolean withRules = Boolean.parseBoolean(p.getOrDefault("with_rules", "false"));
        // application_name is "the application name part to filter".
        List<VoximplantAccount.Application> all = account.applications().stream()
                .filter(a -> (id == null || a.id() == id) && (name == null || a.name().contains(name)))
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

    private VoximplantAccount.Application application(Map<String, String> p) throws PlatformError {
        Long id = number(p, "application_id", false);
        String name = p.get("application_name");
        if (id == null && name == null) {
            throw PlatformError.required("application_id' or 'application_name");
        }
        return account.application(id, name).orElseThrow(() -> id != null
                ? PlatformError.invalid("application_id", "no application " + id)
                : PlatformError.invalid("application_name", "no application " + name));
    }

    private Map<String, Object> addRule(Map<String, String> p) throws PlatformError {
        VoximplantAccount.Application app = application(p);
        String name = required(p, "rule_name");
        if (name.length() >= 100) {
            throw PlatformError.invalid("rule_name", "the length must be less than 100");
        }
        String pattern = required(p, "rule_pattern");
        try {
            java.util.regex.Pattern.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw PlatformError.invalid("rule_pattern", "not a valid regex");
        }
        List<Long> ids = new ArrayList<>();
        if (p.containsKey("scenario_id")) {
            for (String part : p.get("scenario_id").split(";")) {
                long sid = parse(part.trim(), "scenario_id");
                account.scenario(sid, null).orElseThrow(() -> PlatformError.invalid("scenario_id", "no scenario " + sid));
                ids.add(sid);
            }
        } else if (p.containsKey("scenario_name")) {
            for (String part : p.get("scenario_name").split(";")) {
                ids.add(account.scenario(null, part.trim())
                        .orElseThrow(() -> PlatformError.invalid("scenario_name", "no scenario " + part)).id());
            }
        } else {
            throw PlatformError.required("scenario_id' or 'scenario_name");
        }
        try {
            return Map.of("result", 1, "rule_id", account.addRule(app.id(), name, pattern, ids).id());
        } catch (IllegalStateException e) {
            throw new PlatformError(PlatformError.DUPLICATE_RULE_NAME, "The 'rule_name' is not unique: "
                    + e.getMessage());
        }
    }

    private Map<String, Object> getRules(Map<String, String> p) throws PlatformError {
        VoximplantAccount.Application app = application(p);
        Long ruleId = number(p, "rule_id", false);
        String ruleName = p.get("rule_name");
        boolean withScenarios = Boolean.parseBoolean(p.getOrDefault("with_scenarios", "false"));
        List<VoximplantAccount.Rule> all = account.rules(app.id()).stream()
                // rule_name is "the rule name part to filter".
                .filter(r -> (ruleId == null || r.id() == ruleId) && (ruleName == null || r.name().contains(ruleName)))
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

    private static <T> List<T> page(List<T> all, Map<String, String> p) throws PlatformError {
        long offset = Optional.ofNullable(number(p, "offset", false)).orElse(0L);
        long count = Optional.ofNullable(number(p, "count", false)).orElse(20L);
        return all.stream().skip(offset).limit(count).toList();
    }

    private static long parse(String v, String name) throws PlatformError {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw PlatformError.invalid(name, "expected intlist");
        }
    }

    private Map<String, Object> startScenarios(Map<String, String> p) throws PlatformError {
        VoximplantAccount.Rule rule = account.rule(number(p, "rule_id", true), null)
                .orElseThrow(() -> PlatformError.invalid("rule_id", "no rule " + p.get("rule_id")));
        String customData = p.get("script_custom_data");
        if (customData != null && customData.getBytes(StandardCharsets.UTF_8).length > 200) {
            // VoxEngine.customData() carries at most 200 bytes (DESIGN §5); the API's own code for it is unpublished.
            throw PlatformError.invalid("script_custom_data", "at most 200 bytes");
        }
        List<VoximplantAccount.Scenario> bound = account.boundScenarios(rule);
        if (bound.isEmpty()) {
            throw new PlatformError(PlatformError.RULE_NO_SCENARIO_BOUND, "No scenario is bound to the rule");
        }
        VoximplantAccount.Started s = account.start(rule, customData);
        String url = mountUrl + "/media_session/" + s.mediaSessionId();
        // Scenarios bound to one rule run in one JS space, in binding order.
        String script = String.join("\n;\n", bound.stream().map(VoximplantAccount.Scenario::script).toList());
        runtime.start(s.mediaSessionId(), customData, script, mountUrl + "/records");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", 1);
        out.put("media_session_access_url", url);
        // The sandbox has no TLS endpoint for sessions; the "secure" URL is the same loopback address.
        out.put("media_session_access_secure_url", url);
        out.put("call_session_history_id", s.callSessionHistoryId());
        return out;
    }

    private Map<String, Object> addScenario(Map<String, String> p) throws PlatformError {
        String name = required(p, "scenario_name");
        if (name.length() >= MAX_SCENARIO_NAME) {
            throw PlatformError.invalid("scenario_name", "the length must be less than " + MAX_SCENARIO_NAME);
        }
        String script = script(p);
        VoximplantAccount.Rule rule = optionalRule(p);
        VoximplantAccount.Scenario s;
        try {
            s = account.addScenario(name, script, Boolean.parseBoolean(p.getOrDefault("rewrite", "false")));
        } catch (IllegalStateException e) {
            throw new PlatformError(PlatformError.SCENARIO_NAME_ISNT_UNIQUE, "The scenario name is not unique: "
                    + e.getMessage());
        }
        if (rule != null) {
            account.bind(s, rule, true);
        }
        return Map.of("result", 1, "scenario_id", s.id());
    }

    private Map<String, Object> setScenarioInfo(Map<String, String> p) throws PlatformError {
        Long id = number(p, "scenario_id", false);
        String requiredName = p.get("required_scenario_name");
        if (id == null && requiredName == null) {
            throw PlatformError.required("scenario_id' or 'required_scenario_name");
        }
        VoximplantAccount.Scenario s = account.scenario(id, requiredName).orElseThrow(() -> id != null
                ? PlatformError.invalid("scenario_id", "no scenario " + id)
                : PlatformError.invalid("scenario_name", "no scenario " + requiredName));
        String newName = p.get("scenario_name");
        if (newName != null && newName.length() >= MAX_SCENARIO_NAME) {
            throw PlatformError.invalid("scenario_name", "the length must be less than " + MAX_SCENARIO_NAME);
        }
        account.update(s, newName, script(p));
        return Map.of("result", 1);
    }

    private Map<String, Object> bindScenario(Map<String, String> p) throws PlatformError {
        if (!p.containsKey("scenario_id") && !p.containsKey("scenario_name")) {
            throw PlatformError.required("scenario_id' or 'scenario_name");
        }
        if (!p.containsKey("rule_id") && !p.containsKey("rule_name")) {
            throw PlatformError.required("rule_id' or 'rule_name");
        }
        VoximplantAccount.Application app = application(p);
        VoximplantAccount.Scenario s = account.scenario(number(p, "scenario_id", false), p.get("scenario_name"))
                .orElseThrow(() -> PlatformError.invalid(p.containsKey("scenario_id") ? "scenario_id" : "scenario_name",
                        "no such scenario"));
        VoximplantAccount.Rule rule = account.rule(number(p, "rule_id", false), p.get("rule_name"))
                .filter(r -> r.applicationId() == app.id())
                .orElseThrow(() -> PlatformError.invalid(p.containsKey("rule_id") ? "rule_id" : "rule_name",
                        "no such rule in application " + app.name()));
        account.bind(s, rule, Boolean.parseBoolean(p.getOrDefault("bind", "true")));
        return Map.of("result", 1);
    }

    private Map<String, Object> getScenarios(Map<String, String> p) throws PlatformError {
        Long id = number(p, "scenario_id", false);
        String name = p.get("scenario_name");
        // The declarations: with_script needs scenario_id too ("You should specify the 'scenario_id' too!"); the
        // real answer without it is unpublished, so the simulator leaves the script out rather than agree.
        boolean withScript = Boolean.parseBoolean(p.getOrDefault("with_script", "false")) && id != null;
        // scenario_name: "all scenarios containing this param in their names are returned", case-insensitive.
        String part = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
        List<VoximplantAccount.Scenario> all = account.scenarios().stream()
                .filter(s -> (id == null || s.id() == id)
                        && (part == null || s.name().toLowerCase(java.util.Locale.ROOT).contains(part))).toList();
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

    private VoximplantAccount.Rule optionalRule(Map<String, String> p) throws PlatformError {
        Long ruleId = number(p, "rule_id", false);
        String ruleName = p.get("rule_name");
        if (ruleId == null && ruleName == null) {
            return null;
        }
        return account.rule(ruleId, ruleName).orElseThrow(() -> PlatformError.invalid(ruleId != null ? "rule_id"
                : "rule_name", "no such rule"));
    }

    private static String script(Map<String, String> p) throws PlatformError {
        String script = p.get("scenario_script");
        if (script != null && script.getBytes(StandardCharsets.UTF_8).length >= MAX_SCRIPT_BYTES) {
            throw new PlatformError(PlatformError.SCRIPT_TEXT_IS_TOO_LONG,
                    "The script text is too long: it must be less than 128 KB");
        }
        return script;
    }

    private static String required(Map<String, String> p, String name) throws PlatformError {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw PlatformError.required(name);
        }
        return v;
    }

    private static Long number(Map<String, String> p, String name, boolean required) throws PlatformError {
        String v = required ? required(p, name) : p.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw PlatformError.invalid(name, "expected number");
        }
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
        if (https != null) {
            https.stop(0);
            httpsExecutor.shutdownNow();
        }
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
