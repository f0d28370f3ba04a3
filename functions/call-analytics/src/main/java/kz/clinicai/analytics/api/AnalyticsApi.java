package kz.clinicai.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileCheck;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.profile.ProfileValidator;
import kz.clinicai.analytics.pull.PullService;
import kz.clinicai.analytics.pull.PullState;
import kz.clinicai.shared.http.ApiException;

/**
 * The analytics HTTP API (behind the API key its handler's router checks): profiles (create, read, update, list) and operations (a
 * profile's status; pull now; calls by profile, date and status; one call's steps and errors; retry; backfill). Knows no Lambda types.
 */
public final class AnalyticsApi {

    public static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_LIST = 500;

    /** The body of a backfill request: account-local times {@code YYYY-MM-DD hh:mm:ss} or ISO. */
    public record BackfillRequest(String from, String till) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallSummary(long callId, String startTime, String direction, String status, String reason,
                              String sheetRange, int attempts) {
    }

    private final ProfileRepository profiles;
    private final CallStore calls;
    private final PullState pulls;
    private final CallQueue queue;
    private final ProfileCheck check;
    private final PullNow pullNow;
    private final Clock clock;

    /** One profile's pull, run now (the scheduled pull's own run: same checkpoint, same exactly-once queueing). */
    @FunctionalInterface
    public interface PullNow {
        PullService.Outcome pull(Profile profile);
    }

    /**
     * A profile's state for people: whether its pull runs or stopped (and why), how far it has pulled, its calls by
     * status.
     *
     * @param pulledUntil account-local time up to which every call is queued (null before the first pull)
     * @param calls       count per status id, every status listed
     * @param counted     calls counted (the newest {@value #MAX_STATUS_CALLS} at most, of {@code date} when given)
     * @param truncated   more calls exist than were counted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String profileId, boolean enabled, String pullError, String pulledUntil, String timeZone,
                         Map<String, Integer> calls, int counted, boolean truncated) {
    }

    static final int MAX_STATUS_CALLS = 5000;

    public AnalyticsApi(ProfileRepository profiles, CallStore calls, PullState pulls, CallQueue queue,
                        ProfileCheck check, PullNow pullNow, Clock clock) {
        this.profiles = profiles;
        this.calls = calls;
        this.pulls = pulls;
        this.queue = queue;
        this.check = check;
        this.pullNow = pullNow;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ profiles

    public Profile create(Profile body) {
        ProfileValidator.validate(body);
        check.check(body);
        String now = clock.instant().toString();
        Profile stored = body.withMeta(1, now, now, null);
        if (!profiles.create(stored)) {
            throw ApiException.conflict("profile_exists", "Profile " + body.profileId() + " exists; update it with PUT");
        }
        return stored;
    }

    public Profile get(String profileId) {
        return profiles.find(profileId).orElseThrow(() -> notFound(profileId));
    }

    public List<Profile> list() {
        return profiles.list();
    }

    /**
     * Replaces a profile. {@code version} in the body must be the stored one (409 otherwise: someone else changed
     * it). Criteria may be added or edited; the sheet gets new columns at the right on the next write.
     */
    public Profile update(String profileId, Profile body) {
        Profile current = get(profileId);
        if (body.profileId() != null && !body.profileId().equals(profileId)) {
            throw ApiException.badRequest("invalid_profile", "profileId in the body differs from the path");
        }
        Profile replaced = new Profile(profileId, body.name(), body.enabled(), body.uis(), body.calls(), body.sheet(),
                body.transcription(), body.criteria(), body.writeBack(), null, null, null, null);
        ProfileValidator.validate(replaced);
        check.check(replaced);
        long expected = body.version() == null ? current.version() : body.version();
        if (expected != current.version()) {
            throw ApiException.conflict("version_conflict", "Profile " + profileId + " is at version "
                    + current.version() + ", not " + expected + "; read it again");
        }
        // An update is how a person says the token or whitelist is fixed: the pull resumes.
        Profile stored = replaced.withMeta(current.version() + 1, current.createdAt(), clock.instant().toString(), null);
        if (!profiles.update(stored, current.version())) {
            throw ApiException.conflict("version_conflict", "Profile " + profileId + " changed meanwhile; read it again");
        }
        return stored;
    }

    // ------------------------------------------------------------------ operations

    public List<CallSummary> calls(String profileId, Optional<String> status, Optional<String> date) {
        get(profileId);
        Optional<CallStatus> s;
        try {
            s = status.map(CallStatus::fromId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_status", "status is one of " + List.of(CallStatus.values()).stream()
                    .map(CallStatus::id).toList());
        }
        if (date.isPresent() && !date.get().matches("\\d{4}-\\d{2}(-\\d{2})?")) {
            throw ApiException.badRequest("invalid_date", "date is YYYY-MM-DD or YYYY-MM (account-local)");
        }
        return calls.list(profileId, s, date, MAX_LIST).stream().map(AnalyticsApi::summary).toList();
    }

    public Status status(String profileId, Optional<String> date) {
        Profile p = get(profileId);
        if (date.isPresent() && !date.get().matches("\\d{4}-\\d{2}(-\\d{2})?")) {
            throw ApiException.badRequest("invalid_date", "date is YYYY-MM-DD or YYYY-MM (account-local)");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CallStatus s : CallStatus.values()) {
            counts.put(s.id(), 0);
        }
        List<CallRecord> listed = calls.list(profileId, Optional.empty(), date, MAX_STATUS_CALLS + 1);
        List<CallRecord> counted = listed.subList(0, Math.min(listed.size(), MAX_STATUS_CALLS));
        counted.forEach(c -> counts.merge(c.status().id(), 1, Integer::sum));
        Optional<PullState.Checkpoint> checkpoint = pulls.checkpoint(profileId);
        return new Status(profileId, p.isEnabled(), p.pullError(),
                checkpoint.map(c -> c.until().toString().replace('T', ' ')).orElse(null),
                checkpoint.map(PullState.Checkpoint::timeZone).or(() -> p.uis().zone()).orElse(null), counts,
                counted.size(), listed.size() > MAX_STATUS_CALLS);
    }

    /**
     * Pulls the profile now, as the schedule would (new calls queued once; the checkpoint moves forward only, so a
     * scheduled run at the same time is harmless). A disabled or stopped profile is refused (409): it needs an
     * update first.
     */
    public PullService.Outcome pull(String profileId) {
        Profile p = get(profileId);
        if (!p.isEnabled()) {
            throw ApiException.conflict("profile_disabled", "Profile " + profileId + " is disabled; enable it first");
        }
        if (p.pullError() != null) {
            throw ApiException.conflict("pull_stopped", "The pull of " + profileId + " is stopped (" + p.pullError()
                    + "); fix the cause and update the profile first");
        }
        return pullNow.pull(p);
    }

    public CallRecord call(String profileId, String callId) {
        get(profileId);
        return calls.find(profileId, parseId(callId)).orElseThrow(() -> ApiException.notFound("call_not_found",
                "No call " + callId + " in profile " + profileId));
    }

    /** A failed call back to the queue, resuming at its first unfinished step; its row is updated in place. */
    public CallRecord retry(String profileId, String callId) {
        CallRecord call = call(profileId, callId);
        if (call.status() != CallStatus.FAILED) {
            throw ApiException.conflict("not_failed", "Call " + callId + " is " + call.status().id()
                    + "; only failed calls are retried");
        }
        Optional<CallRecord> reset = calls.retry(profileId, call.callId());
        if (reset.isEmpty()) {
            throw ApiException.conflict("not_failed", "Call " + callId + " changed meanwhile; read it again");
        }
        queue.send(new CallQueue.CallJob(profileId, call.callId()), Duration.ZERO);
        calls.markEnqueued(profileId, call.callId());
        return calls.find(profileId, call.callId()).orElseThrow();
    }

    public PullState.Backfill backfill(String profileId, BackfillRequest body) {
        get(profileId);
        LocalDateTime from = time("from", body.from());
        LocalDateTime till = time("till", body.till());
        if (!from.isBefore(till)) {
            throw ApiException.badRequest("invalid_range", "from must be before till");
        }
        if (from.isBefore(till.minusYears(3))) {
            throw ApiException.badRequest("invalid_range", "at most 3 years at once");
        }
        return pulls.createBackfill(profileId, from, till, clock.instant().toString());
    }

    public List<PullState.Backfill> backfills(String profileId) {
        get(profileId);
        return pulls.backfills(profileId);
    }

    private static LocalDateTime time(String field, String value) {
        if (value == null) {
            throw ApiException.badRequest("invalid_range", field + " is required (YYYY-MM-DD hh:mm:ss, account-local)");
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_range", field + " must be YYYY-MM-DD hh:mm:ss (account-local)");
        }
    }

    private static long parseId(String callId) {
        try {
            return Long.parseLong(callId);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_call_id", "call ids are numbers (UIS call session ids)");
        }
    }

    private static CallSummary summary(CallRecord c) {
        return new CallSummary(c.callId(), c.call() == null ? null : c.call().startTime(),
                c.call() == null ? null : c.call().direction(), c.status().id(), c.reason(), c.sheetRange(),
                c.attempts());
    }

    private static ApiException notFound(String profileId) {
        return ApiException.notFound("profile_not_found", "No profile " + profileId);
    }

    static Map<String, Object> wrap(String key, Object value) {
        return Map.of(key, value);
    }
}
