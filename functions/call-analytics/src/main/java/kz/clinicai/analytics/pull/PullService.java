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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.analytics.uis.UisException;
import kz.clinicai.shared.json.Json;
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
        PullRun run = new PullRun(profile, client, deadline, calls, queue, settings, clock);
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

    static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    static LocalDateTime parse(String uisTime) {
        try {
            return LocalDateTime.parse(uisTime, UIS_TIME);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
