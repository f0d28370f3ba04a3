package kz.clinicai.analytics.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.InMemoryCallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.uis.UisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UIS refuses offsets above 100 000, so a report window holding more calls than that (plus one page) must be split
 * in time. Here a day with 145 000 calls — 135 000 of them in a 50-minute burst — is pulled from a UIS that answers
 * get.calls_report by computation and refuses what the real one refuses.
 */
class PullServiceWindowSplitTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final DateTimeFormatter UIS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PAGE = 10_000;
    private static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final Duration LOOKBACK = Duration.ofHours(24);
    /** Account-local "now" of the first run. */
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 1, 12, 0, 0);
    private static final LocalDateTime FROM = NOW.minus(LOOKBACK).minus(OVERLAP);
    private static final LocalDateTime TILL = NOW.minus(SETTLE);
    private static final LocalDateTime BURST = LocalDateTime.of(2026, 12, 1, 6, 0, 0);
    /**
     * The splits halve the day (86 700 s) down to 05:53:45–06:38:54, which then holds 2 335 s of the burst:
     * 105 075 calls, paged up to offset 100 000 exactly (UIS's limit, allowed). The burst's rest is 06:38:54–06:49:59.
     */
    private static final int BURST_PER_SECOND = 45;
    private static final int BURST_SECONDS = 3_000;
    private static final int SPARSE = 10_000;

    private final Profile profile = Fixtures.profile(List.of());
    // One store across the runs (each run has its own clock; the store's only stamps updatedAt and the TTL).
    private final InMemoryCallStore calls = new InMemoryCallStore();
    private final InMemoryPullState state = new InMemoryPullState();
    // The pull sends from one thread.
    private final List<CallQueue.CallJob> sent = new ArrayList<>();
    private final CallQueue queue = (job, delay) -> sent.add(job);
    private ComputedUisReport uis;
    private long[] starts;

    @BeforeEach
    void account() throws Exception {
        List<Long> s = new ArrayList<>();
        // Outside the first window: before it, and inside the settle delay after it.
        s.add(ComputedUisReport.seconds(FROM.minusHours(1)));
        s.add(ComputedUisReport.seconds(FROM.minusSeconds(1)));
        // Its two ends (both inclusive in UIS).
        s.add(ComputedUisReport.seconds(FROM));
        for (int i = 0; i < SPARSE; i++) {
            s.add(ComputedUisReport.seconds(FROM.plusSeconds(60 + 6L * i)));
        }
        for (int sec = 0; sec < BURST_SECONDS; sec++) {
            for (int k = 0; k < BURST_PER_SECOND; k++) {
                s.add(ComputedUisReport.seconds(BURST.plusSeconds(sec)));
            }
        }
        s.add(ComputedUisReport.seconds(TILL));
        s.add(ComputedUisReport.seconds(TILL.plusSeconds(1)));
        s.add(ComputedUisReport.seconds(NOW.minusMinutes(1)));
        starts = s.stream().mapToLong(Long::longValue).sorted().toArray();
        uis = new ComputedUisReport(starts);
    }

    @AfterEach
    void stop() {
        uis.close();
    }

    private PullService service(LocalDateTime accountNow) {
        Clock clock = Clock.fixed(accountNow.atZone(ZONE).toInstant(), ZONE);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new PullService(new OneProfile(profile), calls, state, queue,
                p -> new UisClient(http, uis.url(), () -> ComputedUisReport.TOKEN, Duration.ofSeconds(30)),
                new PullService.Settings(OVERLAP, SETTLE, LOOKBACK, Duration.ofDays(31), PAGE, 5), clock);
    }

    /** Ids of the calls whose start lies in [from, till]. */
    private Set<Long> idsBetween(LocalDateTime from, LocalDateTime till) {
        Set<Long> out = new TreeSet<>();
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] >= ComputedUisReport.seconds(from) && starts[i] <= ComputedUisReport.seconds(till)) {
                out.add(ComputedUisReport.id(i));
            }
        }
        return out;
    }

    @Test
    void aWindowOfMoreCallsThanUisWillPageThroughIsSplitEveryCallIsQueuedOnceAndTheCheckpointEndsAtTill() {
        Set<Long> expected = idsBetween(FROM, TILL);
        assertThat(expected).hasSizeGreaterThan(PullService.MAX_OFFSET + PAGE);

        PullService.Outcome outcome = service(NOW).run(profile, far(NOW));

        assertThat(outcome.stoppedBy()).isNull();
        assertThat(uis.problems()).isEmpty();
        List<ComputedUisReport.Request> requests = uis.requests();
        // Nothing UIS would refuse was asked, and no offset beyond its limit.
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.error()).as("refused: %s", r).isNull();
            assertThat(r.offset()).isBetween(0, ComputedUisReport.MAX_OFFSET);
            assertThat(r.limit()).isEqualTo(PAGE);
        });
        // The whole window was asked for once, found too full, and never paged.
        String from = UIS_TIME.format(FROM);
        String till = UIS_TIME.format(TILL);
        assertThat(requests.getFirst()).satisfies(r -> {
            assertThat(r.dateFrom()).isEqualTo(from);
            assertThat(r.dateTill()).isEqualTo(till);
            assertThat(r.totalItems()).isEqualTo(expected.size());
        });
        assertThat(requests).filteredOn(r -> r.dateFrom().equals(from) && r.dateTill().equals(till))
                .singleElement();
        // A window too full to page through was asked for once and split; every other one was paged, one of them
        // up to the very last offset UIS allows.
        Map<String, List<ComputedUisReport.Request>> byWindow = requests.stream()
                .collect(Collectors.groupingBy(r -> r.dateFrom() + ".." + r.dateTill()));
        List<List<ComputedUisReport.Request>> split = byWindow.values().stream()
                .filter(w -> w.getFirst().totalItems() > PullService.MAX_OFFSET + PAGE).toList();
        assertThat(split).allSatisfy(w -> assertThat(w).singleElement()
                .satisfies(r -> assertThat(r.offset()).isZero()));
        assertThat(requests).extracting(ComputedUisReport.Request::offset).contains(ComputedUisReport.MAX_OFFSET);
        // The burst needed splits below the day's halves: the whole day, its second half, and parts of the burst.
        assertThat(split).hasSizeGreaterThanOrEqualTo(3);

        // Every call of the window queued exactly once, nothing outside it.
        Map<Long, Long> perCall = sent.stream().collect(Collectors.groupingBy(CallQueue.CallJob::callId,
                Collectors.counting()));
        assertThat(perCall.keySet()).isEqualTo(expected);
        assertThat(perCall.values()).allMatch(n -> n == 1);
        assertThat(outcome.queued()).isEqualTo(expected.size());
        // Calls on a split boundary were in two answers (both ends inclusive) and still queued once.
        assertThat(uis.served().entrySet()).filteredOn(e -> expected.contains(e.getKey()) && e.getValue().get() > 1
                && perCall.get(e.getKey()) == 1).isNotEmpty();

        // The checkpoint is the end of the window: every call up to it is safely queued.
        assertThat(state.checkpoint(profile.profileId()))
                .hasValueSatisfying(c -> {
                    assertThat(c.until()).isEqualTo(TILL);
                    assertThat(c.timeZone()).isEqualTo(ZONE.getId());
                });

        // The next run reads from the checkpoint (less the overlap) and queues only what it has not seen.
        int queuedBefore = sent.size();
        int requestsBefore = requests.size();
        LocalDateTime later = NOW.plusMinutes(5);
        PullService.Outcome next = service(later).run(profile, far(later));

        assertThat(next.stoppedBy()).isNull();
        assertThat(uis.requests().subList(requestsBefore, uis.requests().size())).singleElement().satisfies(r -> {
            assertThat(r.dateFrom()).isEqualTo(UIS_TIME.format(TILL.minus(OVERLAP)));
            assertThat(r.dateTill()).isEqualTo(UIS_TIME.format(later.minus(SETTLE)));
        });
        Set<Long> fresh = idsBetween(TILL.plusSeconds(1), later.minus(SETTLE));
        assertThat(fresh).hasSize(2);
        assertThat(sent.subList(queuedBefore, sent.size())).extracting(CallQueue.CallJob::callId)
                .containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(state.checkpoint(profile.profileId()))
                .hasValueSatisfying(c -> assertThat(c.until()).isEqualTo(later.minus(SETTLE)));
    }

    private static Instant far(LocalDateTime accountNow) {
        return accountNow.atZone(ZONE).toInstant().plus(Duration.ofMinutes(15));
    }
}
