package kz.clinicai.calls.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.Timestamps;
import kz.clinicai.calls.settings.LiveSettings;
import kz.clinicai.calls.settings.RuntimeSettings;
import kz.clinicai.calls.voximplant.ScenarioStarter;
import kz.clinicai.calls.voximplant.VoximplantException;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starting, reading and listing calls; starting the ones whose time has come (scheduled or retried). */
public final class CallsService {

    private static final Logger LOG = LoggerFactory.getLogger(CallsService.class);
    private static final Set<String> LANGUAGES = Set.of("ru", "kk");
    static final int MAX_LIST = 100;

    private final CallRepository calls;
    private final ScenarioStarter starter;
    private final CallsSettings settings;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final LiveSettings live;
    /** Told of each call this service itself ends (it failed to start, it was lost): see {@link #onEnded}. */
    private java.util.function.Consumer<Call> ended = call -> { };

    public CallsService(CallRepository calls, ScenarioStarter starter, CallsSettings settings, Clock clock) {
        this.calls = calls;
        this.starter = starter;
        this.settings = settings;
        this.phones = new PhoneNumbers(settings.defaultRegion(), settings.zones(), settings.fallbackZone());
        this.clock = clock;
        this.live = new LiveSettings(calls, new RuntimeSettings(settings.operatorPhone(), settings.hours(),
                settings.retryInterval(), settings.maxAttempts()), clock);
    }

    Call start(StartCallRequest request) {
        PhoneNumbers.Parsed phone = phones.parse(request.phone());
        String mode = Optional.ofNullable(request.mode()).orElse(settings.defaultMode());
        if (!settings.modes().contains(mode)) {
            throw ApiException.badRequest("invalid_mode", "'mode' must be one of " + settings.modes());
        }
        String language = Optional.ofNullable(request.language()).orElse(settings.defaultLanguage());
        if (!LANGUAGES.contains(language)) {
            throw ApiException.badRequest("invalid_language", "'language' must be ru or kk");
        }
        if (request.greeting() != null && request.greeting().length() > 500) {
            throw ApiException.badRequest("invalid_greeting", "'greeting' must be at most 500 characters");
        }
        if (request.metadata() != null && request.metadata().size() > 20) {
            throw ApiException.badRequest("invalid_metadata", "'metadata' takes at most 20 string fields");
        }
        ZoneId zone = phones.zoneOf(phone, Optional.ofNullable(request.timezone()));
        if (calls.onDoNotCallList(phone.e164())) {
            throw ApiException.conflict("do_not_call", "This number is on the do-not-call list");
        }
        Instant now = clock.instant();
        boolean schedule = Boolean.TRUE.equals(request.schedule());
        String nextAt = null;
        CallStatus initial = CallStatus.PENDING;
        CallingHours hours = live.current().hours();
        if (!hours.allows(now, zone)) {
            ZonedDateTime next = hours.nextAllowed(now, zone);
            if (!schedule) {
                throw new ApiException(409, "outside_calling_hours", "Calls to this number are allowed "
                        + hours.from() + "–" + hours.to() + " " + zone.getId()
                        + "; next allowed at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(next)
                        + " (send \"schedule\": true to place it then)",
                        Map.of("X-Next-Allowed-At", next.toInstant().toString()));
            }
            initial = CallStatus.SCHEDULED;
            nextAt = Timestamps.format(next.toInstant());
        }
        String id = "call_" + UUID.randomUUID().toString().replace("-", "");
        Call call = new Call(id, phone.e164(), initial, mode, language, request.greeting(), request.assistant(),
                request.metadata(), Timestamps.format(now), Timestamps.format(now), 0, nextAt, null, null, null, null, null, null);
        if (initial == CallStatus.SCHEDULED) {
            calls.create(call);
        } else if (!calls.createWithinCap(call, settings.maxConcurrent())) {
            // Counted and created in one conditional write: nothing was stored.
            throw new ApiException(429, "too_many_calls", "At most " + settings.maxConcurrent()
                    + " calls may be active at once; retry when one ends", Map.of("Retry-After", "30"));
        }
        LOG.info("Call {} to {} created ({}, {})", id, PhoneMasking.mask(phone.e164()), mode, initial.wire());
        if (initial == CallStatus.PENDING) {
            dial(call, 1);
        }
        return calls.find(id).orElse(call);
    }

    /**
     * {@code hook} hears of every call this service ends itself — StartScenarios failed, or the scheduler failed it as
     * lost — which no scenario webhook will ever report: a reminder's entry gets its outcome (and event, and meter)
     * from here. A failing hook is logged; the call's own state stands.
     */
    public CallsService onEnded(java.util.function.Consumer<Call> hook) {
        this.ended = hook;
        return this;
    }

    private void ended(String id) {
        try {
            calls.find(id).ifPresent(ended);
        } catch (RuntimeException e) {
            LOG.warn("Call {} ended ({}), but its end was not passed on", id, e.toString());
        }
    }

    /**
     * StartScenarios for this attempt; a failure to start fails the call and so gives its line back (nothing is left
     * pending forever). A crash before that is caught by {@link #reclaimLines}.
     */
    void dial(Call call, int attempt) {
        try {
            String session = starter.start(call.id());
            calls.setSession(call.id(), session, attempt);
        } catch (VoximplantException e) {
            LOG.warn("Call {} could not start: {}", call.id(), e.getMessage());
            if (!calls.transition(call.id(), Set.of(CallStatus.PENDING), CallStatus.FAILED, "start_failed")) {
                // Not pending any more: StartScenarios ran although its answer was lost (timeout, 5xx) and the
                // scenario has fetched its config. The call is live; "failed, try again" would dial the person twice.
                LOG.warn("Call {}: StartScenarios answered {} but its scenario is running; the call goes on", call.id(),
                        e.getMessage());
                return;
            }
            ended(call.id());
            throw new ApiException(502, "telephony_unavailable",
                    "The telephony provider did not start the call; it is marked failed, try again");
        } catch (RuntimeException e) {
            LOG.error("Call {} could not start", call.id(), e);
            if (calls.transition(call.id(), Set.of(CallStatus.PENDING), CallStatus.FAILED, "start_failed")) {
                ended(call.id());
            }
            throw e;
        }
    }

    /** Whether a due call may be dialled now besides the platform's lines (a reminder retry: its clinic's cap). */
    public interface DialGate {
        boolean mayDial(Call call);
    }

    static final int DUE_PAGE = 25;
    static final int DUE_MAX = 200;

    /** Starts scheduled calls that are due (EventBridge schedule); returns how many started. */
    public int startDue() {
        return startDue(call -> true);
    }

    /**
     * Starts due calls the gate lets through, earliest first, while lines are free. Calls the gate holds back stay
     * scheduled; the due calls behind them are read too (up to {@value #DUE_MAX}), so held-back retries never starve
     * the calls due after them.
     */
    public int startDue(DialGate gate) {
        int started = 0;
        Instant now = clock.instant();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int limit = DUE_PAGE;
        while (true) {
            List<Call> due = calls.due(Timestamps.format(now), limit);
            int heldBack = 0;
            for (Call call : due) {
                if (!seen.add(call.id())) {
                    continue;
                }
                if (!gate.mayDial(call)) {
                    heldBack++;
                    continue;
                }
                CallRepository.Admission admission = calls.admitScheduled(call.id(), settings.maxConcurrent());
                if (admission == CallRepository.Admission.FULL) {
                    return started;
                }
                if (admission == CallRepository.Admission.ADMITTED) {
                    try {
                        dial(call, call.attempts() + 1);
                        started++;
                    } catch (ApiException e) {
                        // already marked failed
                    }
                }
            }
            if (heldBack == 0 || due.size() < limit || limit >= DUE_MAX) {
                return started;
            }
            limit = Math.min(DUE_MAX, limit * 2);
        }
    }

    /**
     * Gives back the lines the ledger still lists for calls that no longer hold one: a call that is gone or not
     * active any more (its release was lost, e.g. the function died between the two writes) is released; an active
     * call nothing has touched for {@code lostAfter} (its scenario's webhooks never came: lost session, timeout) is
     * failed as {@code lost}, which releases it. Each holder is read consistently, so a call just admitted (ledger
     * and call written in one transaction) is never mistaken for a leak. Returns how many lines came back.
     */
    public int reclaimLines(Duration lostAfter) {
        int reclaimed = 0;
        Instant cutoff = clock.instant().minus(lostAfter);
        for (String id : calls.lineHolders()) {
            Optional<Call> call = calls.find(id);
            if (call.isEmpty() || !call.get().status().active()) {
                calls.releaseLine(id);
                reclaimed++;
                LOG.warn("Call {} still held a line after it ended: released", id);
            } else if (Timestamps.parse(call.get().updatedAt()).isBefore(cutoff)
                    && calls.transition(id, CallStatus.ACTIVE, CallStatus.FAILED, "lost")) {
                reclaimed++;
                LOG.warn("Call {} had no news since {}: failed as lost, its line released", id, call.get().updatedAt());
                ended(id);
            }
        }
        return reclaimed;
    }

    Call get(String id) {
        return calls.find(id).orElseThrow(() -> ApiException.notFound("call_not_found", "No call " + id));
    }

    java.util.List<Call> list(Optional<String> status, Optional<String> limit) {
        Optional<CallStatus> st;
        try {
            st = status.map(CallStatus::fromWire);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_status", "unknown status filter");
        }
        int n;
        try {
            n = limit.map(Integer::parseInt).orElse(20);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_limit", "'limit' must be a number 1-" + MAX_LIST);
        }
        if (n < 1 || n > MAX_LIST) {
            throw ApiException.badRequest("invalid_limit", "'limit' must be a number 1-" + MAX_LIST);
        }
        return calls.list(st, n);
    }

    int activeCalls() {
        return calls.countActive();
    }

    CallsSettings settings() {
        return settings;
    }

    LiveSettings live() {
        return live;
    }

    PhoneNumbers phones() {
        return phones;
    }

    /** The do-not-call list and the settings are the same table's: the settings API reads and writes it here. */
    CallRepository repository() {
        return calls;
    }

    Clock clock() {
        return clock;
    }
}
