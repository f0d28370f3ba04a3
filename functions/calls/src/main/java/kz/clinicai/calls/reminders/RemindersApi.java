package kz.clinicai.calls.reminders;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import kz.clinicai.calls.api.PhoneNumbers;
import kz.clinicai.shared.clinic.AccessDeniedException;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.ClinicRepository;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.secrets.ConstantTime;

/**
 * {@code POST /reminders}, {@code GET /reminders/{id}} and {@code GET /reminders?clinic=&day=} (a clinic's lists of a
 * day). Each takes the clinic's own credential (the voicebot's per-clinic check, {@link ClinicAccess}: its token as
 * {@code X-Api-Key} or Bearer, its source-IP allowlist and rate limits): a clinic sees and posts only its own lists,
 * and an unknown clinic answers as a wrong credential (401), so slugs cannot be probed. The calls API's own key (the
 * platform's operator: the console, which keeps only a hash of each clinic's token) is taken too, for the clinic the
 * body or query names; that clinic must exist, and saying so reveals nothing the key's holder cannot read anyway.
 */
public final class RemindersApi {

    /** 10 000 entries of ≈ 120 bytes each, with room; below the 6 MB a synchronous Lambda invocation takes. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final RemindersService service;
    private final ClinicRepository clinics;
    private final ClinicAccess access;
    private final PhoneNumbers phones;
    private final Supplier<String> operatorKey;
    static final Set<String> DAY_QUERY = Set.of("clinic", "day");
    private java.util.function.Function<String, String> webhookKeys = clinic -> {
        throw new ApiException(503, "webhooks_unavailable", "Reminder webhooks are not configured");
    };
    private boolean loopbackHttp;
    private ReminderUsage usage;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    /** Without the operator's key: the clinics' own credentials only. */
    public RemindersApi(RemindersService service, ClinicRepository clinics, ClinicAccess access, PhoneNumbers phones) {
        this(service, clinics, access, phones, () -> null);
    }

    /** @param operatorKey the calls API's key (asked on every request: rotation), also admitted for any clinic */
    public RemindersApi(RemindersService service, ClinicRepository clinics, ClinicAccess access, PhoneNumbers phones,
                        Supplier<String> operatorKey) {
        this.service = service;
        this.clinics = clinics;
        this.access = access;
        this.phones = phones;
        this.operatorKey = operatorKey;
    }

    /**
     * The clinics' webhook keys ({@code GET /reminders/webhook-key}); {@code loopbackHttp}: whether a list's
     * {@code webhook_url} may be plain http to a loopback host (the local stack only).
     */
    public RemindersApi withWebhooks(java.util.function.Function<String, String> clinicKey, boolean loopbackHttp) {
        this.webhookKeys = clinicKey;
        this.loopbackHttp = loopbackHttp;
        return this;
    }

    /** The clinics' reminder usage ({@code GET /reminders/usage}); {@code clock}: which month is "this month". */
    public RemindersApi withUsage(ReminderUsage usage, java.time.Clock clock) {
        this.usage = usage;
        this.clock = clock;
        return this;
    }

    /** Adds the routes; they are public at the router (its key is the calls API's) and check the caller here. */
    public HttpRouter.Builder register(HttpRouter.Builder router) {
        return router.publicRoute("POST", "/reminders", this::post)
                .publicRoute("GET", "/reminders", this::day)
                .publicRoute("GET", "/reminders/{id}", this::get)
                .publicRoute("GET", "/reminders/webhook-key", this::webhookKey)
                .publicRoute("GET", "/reminders/usage", this::usage);
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse post(HttpRequest request) {
        JsonNode body = request.readJson(JsonNode.class, MAX_BODY_BYTES);
        JsonNode clinic = body.isObject() ? body.get("clinic") : null;
        boolean operator = isOperator(request);
        boolean unknownToOperator = false;
        if (clinic != null && clinic.isTextual() && ReminderListRequest.SLUG.matcher(clinic.asText()).matches()) {
            // Who asks is settled before the list is judged: a stranger learns nothing about the list's problems.
            if (operator) {
                unknownToOperator = clinics.find(clinic.asText()).isEmpty();
            } else {
                admit(clinic.asText(), request);
            }
        }
        ReminderListRequest list;
        List<Problem> problems = new ArrayList<>();
        if (unknownToOperator) {
            problems.add(new Problem(null, "clinic", "unknown_clinic", "No clinic '" + clinic.asText() + "'"));
        }
        try {
            list = ReminderListRequest.read(body, phones, loopbackHttp);
        } catch (InvalidReminderListException e) {
            problems.addAll(e.problems());
            return rejected(problems);
        }
        if (!problems.isEmpty()) {
            return rejected(problems);
        }
        ReminderList stored = service.create(list);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reminder_id", stored.id());
        answer.put("clinic", stored.clinic());
        answer.put("day", stored.day().toString());
        answer.put("total", stored.total());
        answer.put("status", "queued");
        answer.put("created_at", stored.createdAt());
        return HttpResponses.json(202, answer);
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse get(HttpRequest request) {
        String id = request.pathParam("id").orElse("");
        // List ids are random (122 bits): answering 404 before the credential is checked reveals nothing guessable;
        // a list that exists is shown only to its own clinic's credential.
        String clinic = service.clinicOf(id)
                .orElseThrow(() -> ApiException.notFound("reminder_list_not_found", "No reminder list " + id));
        if (!isOperator(request)) {
            admit(clinic, request);
        }
        return HttpResponses.json(200, service.view(id, clinic));
    }

    /** {@code GET /reminders?clinic=&day=YYYY-MM-DD}: the clinic's lists of that day with their counts. */
    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse day(HttpRequest request) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> query = request.event().getQueryStringParameters();
        if (query != null) {
            query.keySet().stream().filter(name -> !DAY_QUERY.contains(name)).sorted().forEach(name -> problems.add(
                    new Problem(null, name, "unknown_parameter", "Unknown query parameter; known: clinic, day")));
        }
        String clinic = request.queryParam("clinic").orElse(null);
        boolean slug = clinic != null && ReminderListRequest.SLUG.matcher(clinic).matches();
        if (slug) {
            // As for a list: who asks is settled before the query is judged.
            if (!isOperator(request)) {
                admit(clinic, request);
            } else if (clinics.find(clinic).isEmpty()) {
                throw ApiException.notFound("clinic_not_found", "No clinic '" + clinic + "'");
            }
        } else {
            problems.add(new Problem(null, "clinic", "invalid_clinic",
                    "'clinic' must be the clinic's slug (lower-case letters, digits, dashes, at most 64)"));
        }
        LocalDate day = null;
        try {
            day = request.queryParam("day").map(LocalDate::parse).orElse(null);
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (day == null) {
            problems.add(new Problem(null, "day", "invalid_day", "'day' must be a date YYYY-MM-DD"));
        }
        if (!problems.isEmpty()) {
            Map<String, Object> body = problemsBody("invalid_query", problems.size()
                    + " problem(s) in the query", problems);
            return HttpResponses.json(400, body);
        }
        return HttpResponses.json(200, service.day(clinic, day));
    }

    /** The clinic's key for its lists' outcome webhook, to its own credential only. */
    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse webhookKey(HttpRequest request) {
        String clinic = clinicParam(request);
        admit(clinic, request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clinic", clinic);
        body.put("key", webhookKeys.apply(clinic));
        body.put("algorithm", "HMAC-SHA256");
        body.put("signature_header", kz.clinicai.calls.webhook.WebhookSignature.HEADER);
        body.put("signature_format", "t=<unix seconds>,n=<nonce>,s=<hex HMAC-SHA256(key, t + \".\" + n + \".\" + body)>");
        body.put("event_id_header", ReminderWebhooks.EVENT_ID_HEADER);
        return HttpResponses.json(200, body, Map.of("Cache-Control", "no-store"));
    }

    /** What the clinic's reminder calls used in a month (UTC days): calls, dials, connected time, model tokens. */
    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse usage(HttpRequest request) {
        String clinic = clinicParam(request);
        if (!isOperator(request)) {
            admit(clinic, request);
        } else if (clinics.find(clinic).isEmpty()) {
            throw ApiException.notFound("clinic_not_found", "No clinic '" + clinic + "'");
        }
        java.time.YearMonth month;
        String m = request.queryParam("month").orElse(null);
        try {
            month = m == null ? java.time.YearMonth.now(clock.withZone(java.time.ZoneOffset.UTC))
                    : java.time.YearMonth.parse(m);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("invalid_month", "'month' must be YYYY-MM");
        }
        if (usage == null) {
            throw new ApiException(503, "usage_unavailable", "Reminder usage is not configured");
        }
        return HttpResponses.json(200, ReminderUsageView.of(clinic, month, usage.month(clinic, month)));
    }

    private static String clinicParam(HttpRequest request) {
        String clinic = request.queryParam("clinic").orElse(null);
        if (clinic == null || !ReminderListRequest.SLUG.matcher(clinic).matches()) {
            throw ApiException.badRequest("invalid_clinic", "'clinic' (query) must be the clinic's slug");
        }
        return clinic;
    }

    /** The calls API's own key: the platform's operator, admitted for every clinic (no per-clinic limits). */
    private boolean isOperator(HttpRequest request) {
        String key = operatorKey.get();
        String presented = request.credential().orElse("");
        return key != null && !key.isBlank() && !presented.isEmpty() && ConstantTime.equals(presented, key);
    }

    private void admit(String slug, HttpRequest request) {
        ClinicAccess.Caller caller = new ClinicAccess.Caller(request.credential().orElse(null), request.sourceIp());
        try {
            ClinicConfig clinic = clinics.find(slug).orElse(null);
            if (clinic == null) {
                access.unknownClinic(caller);
                return;
            }
            access.admit(clinic, caller);
        } catch (AccessDeniedException e) {
            throw new ApiException(e.status(), switch (e.status()) {
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                default -> "too_many_requests";
            }, e.status() == 401 ? "Unknown clinic or wrong credential" : e.getMessage(),
                    e.status() == 429 ? Map.of("Retry-After", "60") : Map.of());
        }
    }

    static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse rejected(List<Problem> problems) {
        return HttpResponses.json(400, problemsBody("invalid_reminder_list",
                problems.size() + " problem(s); nothing was stored or dialled", problems));
    }

    private static Map<String, Object> problemsBody(String error, String message, List<Problem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("problems_total", problems.size());
        body.put("problems", problems.stream().limit(ReminderListRequest.MAX_PROBLEMS_LISTED).map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            if (p.entry() != null) {
                m.put("entry", p.entry());
            }
            if (p.field() != null) {
                m.put("field", p.field());
            }
            m.put("code", p.code());
            m.put("message", p.message());
            return m;
        }).toList());
        return body;
    }
}
