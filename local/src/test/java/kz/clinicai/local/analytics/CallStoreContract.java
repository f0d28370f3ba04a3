package kz.clinicai.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.uis.UisCall;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the pull, the worker, the Sheets writer and the API rely on from every {@link CallStore}: the first pull to
 * see a call is the only one to queue it; each step is a conditional write on the status it leaves (two workers
 * holding one message never both pay for a step); a finished call waits for the sheet until its row is written,
 * through the ledger's appending → written marks; retry resumes at the first unfinished step; listing is newest
 * first; each call carries a TTL. Run against the in-memory twin and DynamoDB Local with template.yaml's
 * AnalyticsCallsTable (its pendingWrite index, its TTL attribute); every test has a profile of its own.
 */
abstract class CallStoreContract {

    static final Duration KEEP = Duration.ofDays(90);

    final MovableClock clock = new MovableClock(Instant.parse("2031-05-20T08:00:00Z"));
    CallStore store;
    String profile;

    abstract CallStore store(MovableClock clock, Duration keep);

    /** The call item's TTL attribute (epoch seconds). */
    abstract OptionalLong expiry(String profileId, long callId);

    @BeforeEach
    void newProfile() {
        store = store(clock, KEEP);
        profile = "contract-" + UUID.randomUUID();
    }

    static UisCall call(long id, String start) {
        return new UisCall(id, start, start, "in", false, "77011234567", "77272001122", 60, 70, id,
                List.of("m" + id), List.of(new UisCall.Employee(5001, "Сапарова Динара")), List.of());
    }

    @Test
    void theFirstRegistrationWinsAndLaterOnesReadItBack() {
        UisCall call = call(101, "2026-11-30 10:00:00");
        assertThat(store.register(profile, call, CallStatus.QUEUED)).isEmpty();

        Optional<CallRecord> again = store.register(profile, call, CallStatus.MISSED);
        assertThat(again).isPresent();
        assertThat(again.get().status()).as("unchanged").isEqualTo(CallStatus.QUEUED);
        assertThat(again.get().enqueued()).isFalse();
        assertThat(again.get().call()).isEqualTo(call);
        assertThat(again.get().attempts()).isZero();

        store.markEnqueued(profile, 101);
        assertThat(store.register(profile, call, CallStatus.QUEUED).orElseThrow().enqueued())
                .as("a pull that finds it queued sends nothing").isTrue();
    }

    @Test
    void concurrentPullsSeeingOneCallRegisterItOnce() throws Exception {
        UisCall call = call(102, "2026-11-30 10:00:00");
        List<Optional<CallRecord>> outcomes = race(8, () -> store.register(profile, call, CallStatus.QUEUED));
        assertThat(outcomes.stream().filter(Optional::isEmpty).count()).isEqualTo(1);
    }

    @Test
    void aCallCarriesItsTtlAndItsUpdateTime() {
        store.register(profile, call(103, "2026-11-30 10:00:00"), CallStatus.QUEUED);
        assertThat(expiry(profile, 103)).hasValue(clock.instant().plus(KEEP).getEpochSecond());
        assertThat(store.find(profile, 103).orElseThrow().updatedAt()).isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofMinutes(5));
        store.advance(profile, 103, CallStatus.QUEUED, Map.of("recordingWaits", 1));
        assertThat(store.find(profile, 103).orElseThrow().updatedAt()).isEqualTo(clock.instant().toString());
        assertThat(expiry(profile, 103)).as("a step does not extend the TTL")
                .hasValue(clock.instant().minus(Duration.ofMinutes(5)).plus(KEEP).getEpochSecond());
    }

    @Test
    void aStepIsWrittenOnlyFromTheStatusItLeaves() {
        store.register(profile, call(104, "2026-11-30 10:00:00"), CallStatus.QUEUED);
        List<CallRecord.SpeakerTrack> tracks = List.of(new CallRecord.SpeakerTrack("rec/op.wav", true, 4.5));
        Map<String, Object> recorded = new HashMap<>();
        recorded.put("status", CallStatus.RECORDED.name());
        recorded.put("recordingKeys", List.of("rec/1.mp3", "rec/op.wav"));
        recorded.put("tracks", tracks);
        recorded.put("audioSeconds", 61.5);

        assertThat(store.advance(profile, 104, CallStatus.QUEUED, recorded)).isTrue();
        CallRecord call = store.find(profile, 104).orElseThrow();
        assertThat(call.status()).isEqualTo(CallStatus.RECORDED);
        assertThat(call.recordingKeys()).containsExactly("rec/1.mp3", "rec/op.wav");
        assertThat(call.tracks()).isEqualTo(tracks);
        assertThat(call.audioSeconds()).isEqualTo(61.5);

        assertThat(store.advance(profile, 104, CallStatus.QUEUED, Map.of("status", CallStatus.RECORDED.name(),
                "recordingWaits", 7))).as("moved on meanwhile").isFalse();
        assertThat(store.find(profile, 104).orElseThrow().recordingWaits()).isZero();
        assertThat(store.advance(profile, 999, CallStatus.QUEUED, Map.of("recordingWaits", 1))).as("unknown")
                .isFalse();
        assertThat(store.find(profile, 999)).isEmpty();

        Map<String, Object> remove = new HashMap<>();
        remove.put("audioSeconds", null);
        assertThat(store.advance(profile, 104, CallStatus.RECORDED, remove)).isTrue();
        assertThat(store.find(profile, 104).orElseThrow().audioSeconds()).as("a null value removes").isNull();
    }

    @Test
    void twoWorkersMovingOneCallOnFromOneStatusOneWins() throws Exception {
        store.register(profile, call(105, "2026-11-30 10:00:00"), CallStatus.QUEUED);
        List<Boolean> outcomes = race(8, () -> store.advance(profile, 105, CallStatus.QUEUED,
                Map.of("status", CallStatus.RECORDED.name())));
        assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(1);
    }

    @Test
    void aFinishedCallWaitsForTheSheetUntilItsRowIsWritten() {
        for (long id : new long[] {203, 201, 202}) {
            store.register(profile, call(id, "2026-11-30 10:00:0" + (id - 200)), CallStatus.QUEUED);
        }
        store.register(profile, call(204, "2026-11-30 10:00:04"), CallStatus.QUEUED);
        for (long id : new long[] {203, 201, 202}) {
            assertThat(store.finish(profile, id, CallStatus.QUEUED, CallStatus.MISSED, "lost", Map.of())).isTrue();
        }
        assertThat(store.finish(profile, 204, CallStatus.RECORDED, CallStatus.ANALYSED, null, Map.of()))
                .as("not from the status it is in").isFalse();

        assertThat(store.pendingRows(profile, 10)).extracting(CallRecord::callId).as("oldest call first")
                .containsExactly(201L, 202L, 203L);
        assertThat(store.pendingRows(profile, 2)).hasSize(2);
        CallRecord finished = store.find(profile, 201).orElseThrow();
        assertThat(finished.status()).isEqualTo(CallStatus.MISSED);
        assertThat(finished.reason()).isEqualTo("lost");
        assertThat(finished.processedAt()).isEqualTo(clock.instant().toString());

        assertThat(store.markAppending(profile, 201, "batch-1")).isTrue();
        assertThat(store.find(profile, 201).orElseThrow()).extracting(CallRecord::sheetState, CallRecord::sheetBatch)
                .containsExactly("appending", "batch-1");
        assertThat(store.pendingRows(profile, 10)).as("its outcome is unknown until written")
                .extracting(CallRecord::callId).contains(201L);

        assertThat(store.markWritten(profile, 201, "'Calls'!A2:H2")).isTrue();
        CallRecord written = store.find(profile, 201).orElseThrow();
        assertThat(written.sheetState()).isEqualTo("written");
        assertThat(written.sheetRange()).isEqualTo("'Calls'!A2:H2");
        assertThat(written.sheetBatch()).isNull();
        assertThat(written.pendingWrite()).isNull();
        assertThat(store.pendingRows(profile, 10)).extracting(CallRecord::callId).containsExactly(202L, 203L);

        assertThat(store.markAppending(profile, 201, "batch-2")).as("no longer pending").isFalse();
        assertThat(store.markWritten(profile, 201, "'Calls'!A9:H9")).isFalse();
        assertThat(store.find(profile, 201).orElseThrow().sheetRange()).isEqualTo("'Calls'!A2:H2");
        assertThat(store.markAppending(profile, 204, "batch-2")).as("never finished").isFalse();
    }

    @Test
    void errorsAreAHistoryThatCountsAttempts() {
        store.register(profile, call(301, "2026-11-30 10:00:00"), CallStatus.QUEUED);
        store.addError(profile, 301, "recording", "UIS: timeout");
        clock.advance(Duration.ofSeconds(30));
        store.addError(profile, 301, "recording", "x".repeat(600));

        CallRecord call = store.find(profile, 301).orElseThrow();
        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.errors()).extracting(CallRecord.StepError::step).containsExactly("recording", "recording");
        assertThat(call.errors().get(0).message()).isEqualTo("UIS: timeout");
        assertThat(call.errors().get(1).message()).as("bounded").isEqualTo("x".repeat(500) + "…");
        assertThat(call.errors().get(1).at()).isEqualTo(clock.instant().toString());
        assertThatThrownBy(() -> store.addError(profile, 999, "recording", "x"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.find(profile, 999)).as("nothing stored half-way").isEmpty();
    }

    @Test
    void aRetryResumesAFailedCallAtItsFirstUnfinishedStepAndTakesItOffTheSheetQueue() {
        store.register(profile, call(401, "2026-11-30 10:00:00"), CallStatus.QUEUED);
        store.markEnqueued(profile, 401);
        store.advance(profile, 401, CallStatus.QUEUED, Map.of("status", CallStatus.RECORDED.name(),
                "recordingKeys", List.of("rec/1.mp3"), "recordingWaits", 3));
        store.advance(profile, 401, CallStatus.RECORDED, Map.of("status", CallStatus.TRANSCRIBED.name(),
                "transcriptKey", "transcripts/p/401.txt"));
        assertThat(store.retry(profile, 401)).as("not failed").isEmpty();
        assertThat(store.find(profile, 401).orElseThrow().status()).isEqualTo(CallStatus.TRANSCRIBED);

        store.finish(profile, 401, CallStatus.TRANSCRIBED, CallStatus.FAILED, "analysis: 500", Map.of());
        CallRecord reset = store.retry(profile, 401).orElseThrow();
        assertThat(reset.status()).isEqualTo(CallStatus.TRANSCRIBED);
        assertThat(reset.reason()).isNull();
        assertThat(reset.pendingWrite()).isNull();
        assertThat(reset.enqueued()).isFalse();
        assertThat(reset.recordingWaits()).isZero();
        assertThat(reset.transcriptKey()).as("kept: never paid for again").isEqualTo("transcripts/p/401.txt");
        assertThat(store.pendingRows(profile, 10)).isEmpty();
        assertThat(store.retry(profile, 401)).as("already reset").isEmpty();
        assertThat(store.retry(profile, 999)).isEmpty();
    }

    @Test
    void listingIsNewestFirstByStatusAndLocalDate() {
        store.register(profile, call(501, "2026-11-29 23:59:59"), CallStatus.QUEUED);
        store.register(profile, call(502, "2026-11-30 08:00:00"), CallStatus.QUEUED);
        store.register(profile, call(503, "2026-11-30 09:00:00"), CallStatus.QUEUED);
        store.register(profile, call(504, "2026-12-01 09:00:00"), CallStatus.QUEUED);
        store.finish(profile, 502, CallStatus.QUEUED, CallStatus.MISSED, "lost", Map.of());

        assertThat(store.list(profile, Optional.empty(), Optional.empty(), 10)).extracting(CallRecord::callId)
                .containsExactly(504L, 503L, 502L, 501L);
        assertThat(store.list(profile, Optional.empty(), Optional.empty(), 2)).extracting(CallRecord::callId)
                .containsExactly(504L, 503L);
        assertThat(store.list(profile, Optional.empty(), Optional.of("2026-11-30"), 10))
                .extracting(CallRecord::callId).containsExactly(503L, 502L);
        assertThat(store.list(profile, Optional.empty(), Optional.of("2026-11"), 10))
                .extracting(CallRecord::callId).containsExactly(503L, 502L, 501L);
        assertThat(store.list(profile, Optional.of(CallStatus.QUEUED), Optional.of("2026-11-30"), 10))
                .extracting(CallRecord::callId).containsExactly(503L);
        assertThat(store.list("contract-" + UUID.randomUUID(), Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void callIdsOrderNumericallyNotAsText() {
        store.register(profile, call(9, "2026-11-30 10:00:00"), CallStatus.QUEUED);
        store.register(profile, call(10, "2026-11-30 10:00:01"), CallStatus.QUEUED);
        store.register(profile, call(1_000_000_000_123L, "2026-11-30 10:00:02"), CallStatus.QUEUED);
        for (long id : new long[] {9, 10, 1_000_000_000_123L}) {
            store.finish(profile, id, CallStatus.QUEUED, CallStatus.MISSED, "lost", Map.of());
        }
        assertThat(store.pendingRows(profile, 10)).extracting(CallRecord::callId)
                .containsExactly(9L, 10L, 1_000_000_000_123L);
        assertThat(store.list(profile, Optional.empty(), Optional.empty(), 10)).extracting(CallRecord::callId)
                .containsExactly(1_000_000_000_123L, 10L, 9L);
    }

    static <T> List<T> race(int contenders, Callable<T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
