package kz.clinicai.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
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
import kz.clinicai.analytics.pull.PullState;
import kz.clinicai.shared.http.ApiException;

/**
 * The analytics HTTP API (behind the API key its handler's router checks): profiles (create, read, update, list) and operations (calls by
 * profile, date and status; one call's steps and errors; retry; backfill). Knows no Lambda types.
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
    private final Clock clock;

    public AnalyticsApi(ProfileRepository profiles, CallStore calls, PullState pulls, CallQueue queue,
                        ProfileCheck check, Clock clock) {
        this.profiles = profiles;
        this.calls = calls;
        this.pulls = pulls;
        this.queue = queue;
        this.check = check;
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
