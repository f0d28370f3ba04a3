package kz.clinicai.analytics.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.uis.UisCall;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.analytics.uis.UisException;
import kz.clinicai.analytics.uis.UisLeg;
import kz.clinicai.analytics.uis.UisLimits;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled pull of one run: for each enabled profile, {@code get.calls_report} from its checkpoint (minus an
 * overlap, so a call reported late is still seen) to now minus a settle delay (recordings appear minutes after a
 * call), page by page; each new call is stored by a conditional write, then queued; the checkpoint moves only
 * past calls that are safely queued. Each page's recorded calls get their legs ({@code get.call_legs_report}) before
 * they are queued, so the worker knows whose voice each track is. Then the profile's pending backfill jobs, the
 * same way.
 */
public final class PullService {

    private static final Logger LOG = LoggerFactory.getLogger(PullService.class);
    static final DateTimeFormatter UIS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** UIS refuses offsets above this. */
    static final int MAX_OFFSET = 100_000;
    /**
     * Call ids per {@code call_session_id in […]} filter of the legs report. UIS documents no cap on a filter's
     * list (unconfirmed); a few hundred keeps the request small.
     */
    static final int LEG_IDS = 500;

    /**
     * @param overlap      re-read this much before the checkpoint
     * @param settle       leave out the last minutes (calls whose recording may not exist yet)
     * @param firstLookback how far back a profile's first run reads
     * @param maxWindow    longest window of one report request (UIS: 3 months)
     * @param pageSize     {@code limit} per request (UIS: ≤ 10 000)
     * @param pointReserve stop (or wait for the minute's refill) when this few points remain
     */
    public record Settings(Duration overlap, Duration settle, Duration firstLookback, Duration maxWindow, int pageSize,
                           int pointReserve) {
    }

    /** What one profile's run did. */
    public record Outcome(String profileId, int seen, int queued, String stoppedBy, long points) {
    }

    private final ProfileRepository profiles;
    private final CallStore calls;
    private final PullState state;
    private final CallQueue queue;
    private final Function<Profile, UisClient> uis;
    private final Settings settings;
    private final Clock clock;

    public PullService(ProfileRepository profiles, CallStore calls, PullState state, CallQueue queue,
                       Function<Profile, UisClient> uis, Settings settings, Clock clock) {
        this.profiles = profiles;
        this.calls = calls;
        this.state = state;
        this.queue = queue;
        this.uis = uis;
        this.settings = settings;
        this.clock = clock;
    }

    public List<Outcome> runAll(Instant deadline) {
        List<Outcome> out = new ArrayList<>();
        for (Profile p : profiles.list()) {
            if (!p.isEnabled()) {
                continue;
            }
            if (p.pullError() != null) {
                LOG.error("Profile {} is stopped until its configuration is fixed: {}", p.profileId(), p.pullError());
                continue;
            }
            out.add(run(p, deadline));
        }
        return out;
    }

    /** One profile: the regular window, then its backfills, within {@code deadline}. */
    public Outcome run(Profile profile, Instant deadline) {
        UisClient client = uis.apply(profile);
        Run run = new Run(profile, client, deadline);
        try {
            ZoneId zone = zone(profile, client);
            Optional<PullState.Checkpoint> checkpoint = state.checkpoint(profile.profileId());
            LocalDateTime now = LocalDateTime.now(clock.withZone(zone)).withNano(0);
            LocalDateTime till = now.minus(settings.settle());
            LocalDateTime from = checkpoint.map(PullState.Checkpoint::until).orElse(now.minus(settings.firstLookback()))
                    .minus(settings.overlap());
            if (from.isBefore(till)) {
                LocalDateTime safe = run.range(from, till);
                if (safe != null) {
                    state.advance(profile.profileId(), safe, zone.getId());
                }
            }
            if (run.stoppedBy == null) {
                for (PullState.Backfill job : state.backfills(profile.profileId())) {
                    if (job.status().equals("done")) {
                        continue;
                    }
                    LocalDateTime safe = run.range(job.cursor(), job.till());
                    boolean done = run.stoppedBy == null;
                    state.progress(profile.profileId(), job.id(), safe == null ? job.cursor() : safe, done);
                    if (!done) {
                        break;
                    }
                }
            }
        } catch (UisException e) {
            if (e.needsPerson()) {
                // Alarm-worthy: nothing will be pulled for this profile until a person acts.
                LOG.error("UIS refused profile {} ({}); its pull is stopped: {}", profile.profileId(), e, e.advice());
                profiles.setPullError(profile.profileId(), e.mnemonic() + ": " + e.advice());
                run.stoppedBy = e.mnemonic();
            } else if (e.limitExceeded()) {
                LOG.warn("UIS points exhausted for profile {}; the next run resumes from the checkpoint", profile.profileId());
                run.stoppedBy = "limit_exceeded";
            } else {
                LOG.warn("UIS pull of profile {} stopped: {}; the next run resumes from the checkpoint", profile.profileId(), e.toString());
                run.stoppedBy = e.mnemonic();
            }
        }
        LOG.info("Pull of profile {}: {} calls seen, {} queued, {} points{}", profile.profileId(), run.seen, run.queued,
                client.pointsSpent(), run.stoppedBy == null ? "" : ", stopped by " + run.stoppedBy);
        return new Outcome(profile.profileId(), run.seen, run.queued, run.stoppedBy, client.pointsSpent());
    }

    private ZoneId zone(Profile profile, UisClient client) {
        Optional<String> configured = profile.uis().zone()
                .or(() -> state.checkpoint(profile.profileId()).map(PullState.Checkpoint::timeZone));
        if (configured.isPresent()) {
            return ZoneId.of(configured.get());
        }
        // UIS reports times in the account's zone; get.account says which (one point, once per profile).
        JsonNode data = client.call("get.account", Json.mapper().createObjectNode()).data();
        JsonNode account = data.isArray() ? data.path(0) : data;
        return ZoneId.of(account.path("timezone").asText("Europe/Moscow"));
    }

    /** The state of one profile's run: counts, the point budget, the deadline. */
    private final class Run {
        final Profile profile;
        final UisClient client;
        final Instant deadline;
        int seen;
        int queued;
        String stoppedBy;

        Run(Profile profile, UisClient client, Instant deadline) {
            this.profile = profile;
            this.client = client;
            this.deadline = deadline;
        }

        /**
         * Queues every new call of [from, till] in windows of at most maxWindow.
         *
         * @return the local time up to which every call is queued (till when complete), null if nothing was safe
         */
        LocalDateTime range(LocalDateTime from, LocalDateTime till) {
            LocalDateTime safe = null;
            for (LocalDateTime start = from; start.isBefore(till); ) {
                LocalDateTime end = min(till, start.plus(settings.maxWindow()));
                LocalDateTime reached = window(start, end);
                if (reached == null) {
                    return safe;
                }
                safe = reached;
                if (stoppedBy != null) {
                    return safe;
                }
                start = end;
            }
            return safe == null ? till : safe;
        }

        /** One window, paged; split in halves when its calls would need offsets UIS refuses. */
        LocalDateTime window(LocalDateTime from, LocalDateTime till) {
            int offset = 0;
            LocalDateTime safe = from;
            while (true) {
                if (!budgetAllows()) {
                    return safe;
                }
                UisClient.Answer answer = client.call("get.calls_report", report(from, till, offset));
                if (offset == 0 && answer.totalItems() > MAX_OFFSET + settings.pageSize()
                        && Duration.between(from, till).toSeconds() > 1) {
                    LocalDateTime middle = from.plusSeconds(Duration.between(from, till).toSeconds() / 2);
                    LOG.info("Window {}..{} holds {} calls: split at {}", from, till, answer.totalItems(), middle);
                    LocalDateTime first = window(from, middle);
                    if (stoppedBy != null || first == null || first.isBefore(middle)) {
                        return first;
                    }
                    return window(middle, till);
                }
                ArrayNode rows = answer.data().isArray() ? (ArrayNode) answer.data() : Json.mapper().createArrayNode();
                List<UisCall> page = new ArrayList<>();
                for (JsonNode row : rows) {
                    UisCall call = UisCall.of(row);
                    seen++;
                    if (wanted(call)) {
                        page.add(call);
                    }
                }
                Optional<Map<Long, List<UisLeg>>> legs = legs(page);
                if (legs.isEmpty()) {
                    return safe; // out of points or time before this page's legs were read: the next run redoes it
                }
                for (UisCall found : page) {
                    UisCall call = found.withLegs(legs.get().getOrDefault(found.id(), List.of()));
                    enqueue(call);
                    // Calls come sorted by start_time: everything before this one is queued.
                    LocalDateTime start = parse(call.startTime());
                    if (start != null && start.isAfter(safe)) {
                        safe = start;
                    }
                }
                offset += rows.size();
                if (rows.size() < settings.pageSize() || (answer.totalItems() >= 0 && offset >= answer.totalItems())) {
                    return till;
                }
                if (offset > MAX_OFFSET) {
                    LOG.warn("Window {}..{} still has calls beyond UIS's offset limit; the next run continues", from, till);
                    return safe;
                }
            }
        }

        /**
         * The legs of the page's recorded calls ({@code get.call_legs_report}, one request per {@link #LEG_IDS}
         * calls while the page fits in one answer): which recordings are whose voice. Read here rather than per
         * call by the worker, so a page of calls costs a point or two, not one per call.
         *
         * @return empty when the budget or the deadline stopped the run first
         */
        private Optional<Map<Long, List<UisLeg>>> legs(List<UisCall> page) {
            List<UisCall> recorded = page.stream().filter(c -> !c.lost() && !c.records().isEmpty()).toList();
            Map<Long, List<UisLeg>> out = new HashMap<>();
            for (int from = 0; from < recorded.size(); from += LEG_IDS) {
                List<UisCall> chunk = recorded.subList(from, Math.min(recorded.size(), from + LEG_IDS));
                LocalDateTime first = null;
                LocalDateTime last = null;
                for (UisCall c : chunk) {
                    LocalDateTime start = parse(c.startTime());
                    LocalDateTime finish = parse(c.finishTime());
                    first = start != null && (first == null || start.isBefore(first)) ? start : first;
                    last = finish != null && (last == null || finish.isAfter(last)) ? finish : last;
                }
                if (first == null || last == null) {
                    continue;
                }
                for (int offset = 0; ; ) {
                    if (!budgetAllows()) {
                        return Optional.empty();
                    }
                    // A leg starts within its call: [first start, last finish] holds every leg of the chunk.
                    ObjectNode p = Json.mapper().createObjectNode();
                    p.put("date_from", UIS_TIME.format(first));
                    p.put("date_till", UIS_TIME.format(last.plusSeconds(1)));
                    p.put("limit", settings.pageSize());
                    p.put("offset", offset);
                    ArrayNode fields = p.putArray("fields");
                    UisLeg.FIELDS.forEach(fields::add);
                    ObjectNode filter = p.putObject("filter").put("field", "call_session_id").put("operator", "in");
                    ArrayNode ids = filter.putArray("value");
                    chunk.forEach(c -> ids.add(c.id()));
                    UisClient.Answer answer;
                    try {
                        answer = client.call("get.call_legs_report", p);
                    } catch (UisException e) {
                        if (!e.mnemonic().equals("forbidden")) {
                            throw e;
                        }
                        // The token may read calls but not legs: the calls still go, transcribed without speakers.
                        LOG.warn("Profile {}: UIS refuses get.call_legs_report to this token ({}); transcripts will "
                                + "have no speaker labels until the token may call it", profile.profileId(), e.getMessage());
                        return Optional.of(Map.of());
                    }
                    int rows = 0;
                    for (JsonNode row : answer.data()) {
                        UisLeg leg = UisLeg.of(row);
                        out.computeIfAbsent(leg.callSessionId(), k -> new ArrayList<>()).add(leg);
                        rows++;
                    }
                    offset += rows;
                    if (rows < settings.pageSize() || (answer.totalItems() >= 0 && offset >= answer.totalItems())
                            || offset > MAX_OFFSET) {
                        break;
                    }
                }
            }
            return Optional.of(out);
        }

        private void enqueue(UisCall call) {
            Optional<CallRecord> existing = calls.register(profile.profileId(), call, CallStatus.QUEUED);
            if (existing.isPresent() && existing.get().enqueued()) {
                return;
            }
            queue.send(new CallQueue.CallJob(profile.profileId(), call.id()), Duration.ZERO);
            calls.markEnqueued(profile.profileId(), call.id());
            queued++;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Queued call {} of profile {} from {}", call.id(), profile.profileId(),
                        PhoneMasking.mask(call.contactPhone()));
            }
        }

        /** Client-side filters: what the UIS filter could not express (employees), and a safety net for the rest. */
        private boolean wanted(UisCall call) {
            Profile.CallFilter f = profile.calls();
            if (!f.directions().isEmpty() && !f.directions().contains(call.direction())) {
                return false;
            }
            if (f.onlyAnswered() && call.lost()) {
                return false;
            }
            if (!call.lost() && call.talkSeconds() < f.minTalk()) {
                return false;
            }
            if (!f.virtualNumbers().isEmpty() && !f.virtualNumbers().contains(call.virtualPhone())) {
                return false;
            }
            return f.employeeIds().isEmpty()
                    || call.employees().stream().anyMatch(e -> f.employeeIds().contains(e.id()));
        }

        private ObjectNode report(LocalDateTime from, LocalDateTime till, int offset) {
            ObjectNode p = Json.mapper().createObjectNode();
            p.put("date_from", UIS_TIME.format(from));
            p.put("date_till", UIS_TIME.format(till));
            p.put("limit", settings.pageSize());
            p.put("offset", offset);
            ArrayNode fields = p.putArray("fields");
            UisCall.FIELDS.forEach(fields::add);
            p.putArray("sort").addObject().put("field", "start_time").put("order", "asc");
            filter(profile.calls()).ifPresent(filter -> p.set("filter", filter));
            return p;
        }

        /** Waits for the minute's refill when it fits in the run, else stops; the day's budget stops the run. */
        private boolean budgetAllows() {
            Optional<UisLimits> limits = client.lastLimits();
            if (limits.isEmpty()) {
                return true;
            }
            UisLimits l = limits.get();
            if (l.dayRemaining() <= settings.pointReserve()) {
                LOG.warn("UIS day budget nearly spent ({} of {} left) for profile {}: resuming next run",
                        l.dayRemaining(), l.dayLimit(), profile.profileId());
                stoppedBy = "day_budget";
                return false;
            }
            if (l.minuteRemaining() <= settings.pointReserve()) {
                Duration wait = l.untilMinuteReset();
                if (clock.instant().plus(wait).plusSeconds(5).isAfter(deadline)) {
                    stoppedBy = "minute_budget";
                    return false;
                }
                LOG.info("UIS minute budget nearly spent; waiting {} s for the refill", wait.toSeconds());
                sleep(wait);
            }
            if (clock.instant().plusSeconds(5).isAfter(deadline)) {
                stoppedBy = "deadline";
                return false;
            }
            return true;
        }
    }

    /** The profile's filters that UIS can apply itself (start_time and the record lists are not filterable). */
    static Optional<ObjectNode> filter(Profile.CallFilter f) {
        List<ObjectNode> parts = new ArrayList<>();
        if (f.directions().size() == 1) {
            parts.add(condition("direction", "=", f.directions().get(0)));
        }
        if (f.onlyAnswered()) {
            parts.add(Json.mapper().createObjectNode().put("field", "is_lost").put("operator", "=").put("value", false));
        }
        if (f.minTalk() > 0 && f.onlyAnswered()) {
            parts.add(Json.mapper().createObjectNode().put("field", "talk_duration").put("operator", ">=")
                    .put("value", f.minTalk()));
        }
        if (!f.virtualNumbers().isEmpty()) {
            ObjectNode in = Json.mapper().createObjectNode().put("field", "virtual_phone_number").put("operator", "in");
            ArrayNode values = in.putArray("value");
            f.virtualNumbers().forEach(values::add);
            parts.add(in);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        if (parts.size() == 1) {
            return Optional.of(parts.get(0));
        }
        ObjectNode all = Json.mapper().createObjectNode();
        ArrayNode filters = all.putArray("filters");
        parts.forEach(filters::add);
        all.put("condition", "and");
        return Optional.of(all);
    }

    private static ObjectNode condition(String field, String operator, String value) {
        return Json.mapper().createObjectNode().put("field", field).put("operator", operator).put("value", value);
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    static LocalDateTime parse(String uisTime) {
        try {
            return LocalDateTime.parse(uisTime, UIS_TIME);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
