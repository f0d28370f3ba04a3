package kz.clinicai.analytics.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
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
 * One profile's run of {@link PullService}: its windows and pages, the legs of each page, the enqueueing, and what
 * bounds it (the UIS point budget, the deadline); the counts it reports.
 */
final class PullRun {

    private static final Logger LOG = LoggerFactory.getLogger(PullRun.class);

    private final Profile profile;
    private final UisClient client;
    private final Instant deadline;
    private final CallStore calls;
    private final CallQueue queue;
    private final PullService.Settings settings;
    private final Clock clock;
    int seen;
    int queued;
    String stoppedBy;

    PullRun(Profile profile, UisClient client, Instant deadline, CallStore calls, CallQueue queue,
            PullService.Settings settings, Clock clock) {
        this.profile = profile;
        this.client = client;
        this.deadline = deadline;
        this.calls = calls;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Queues every new call of [from, till] in windows of at most maxWindow.
     *
     * @return the local time up to which every call is queued (till when complete), null if nothing was safe
     */
    LocalDateTime range(LocalDateTime from, LocalDateTime till) {
        LocalDateTime safe = null;
        for (LocalDateTime start = from; start.isBefore(till); ) {
            LocalDateTime end = PullService.min(till, start.plus(settings.maxWindow()));
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
            if (offset == 0 && answer.totalItems() > PullService.MAX_OFFSET + settings.pageSize()
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
                LocalDateTime start = PullService.parse(call.startTime());
                if (start != null && start.isAfter(safe)) {
                    safe = start;
                }
            }
            offset += rows.size();
            if (rows.size() < settings.pageSize() || (answer.totalItems() >= 0 && offset >= answer.totalItems())) {
                return till;
            }
            if (offset > PullService.MAX_OFFSET) {
                LOG.warn("Window {}..{} still has calls beyond UIS's offset limit; the next run continues", from, till);
                return safe;
            }
        }
    }

    /**
     * The legs of the page's recorded calls ({@code get.call_legs_report}, one request per {@link PullService#LEG_IDS}
     * calls while the page fits in one answer): which recordings are whose voice. Read here rather than per
     * call by the worker, so a page of calls costs a point or two, not one per call.
     *
     * @return empty when the budget or the deadline stopped the run first
     */
    private Optional<Map<Long, List<UisLeg>>> legs(List<UisCall> page) {
        List<UisCall> recorded = page.stream().filter(c -> !c.lost() && !c.records().isEmpty()).toList();
        Map<Long, List<UisLeg>> out = new HashMap<>();
        for (int from = 0; from < recorded.size(); from += PullService.LEG_IDS) {
            List<UisCall> chunk = recorded.subList(from, Math.min(recorded.size(), from + PullService.LEG_IDS));
            LocalDateTime first = null;
            LocalDateTime last = null;
            for (UisCall c : chunk) {
                LocalDateTime start = PullService.parse(c.startTime());
                LocalDateTime finish = PullService.parse(c.finishTime());
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
                p.put("date_from", PullService.UIS_TIME.format(first));
                p.put("date_till", PullService.UIS_TIME.format(last.plusSeconds(1)));
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
                        || offset > PullService.MAX_OFFSET) {
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
        p.put("date_from", PullService.UIS_TIME.format(from));
        p.put("date_till", PullService.UIS_TIME.format(till));
        p.put("limit", settings.pageSize());
        p.put("offset", offset);
        ArrayNode fields = p.putArray("fields");
        UisCall.FIELDS.forEach(fields::add);
        p.putArray("sort").addObject().put("field", "start_time").put("order", "asc");
        PullService.filter(profile.calls()).ifPresent(filter -> p.set("filter", filter));
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
            PullService.sleep(wait);
        }
        if (clock.instant().plusSeconds(5).isAfter(deadline)) {
            stoppedBy = "deadline";
            return false;
        }
        return true;
    }
}
