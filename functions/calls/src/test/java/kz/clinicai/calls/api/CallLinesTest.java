package kz.clinicai.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.calls.voximplant.VoximplantException;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.Test;

/** Every way a call ends gives its line back: a refused or crashed StartScenarios, a lost session, a lost release. */
class CallLinesTest {

    // 10:00 in Almaty
    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");
    private static final int CAP = 2;

    private final MovableClock clock = new MovableClock(NOW);
    private final InMemoryCallRepository repo = new InMemoryCallRepository(clock);
    private final List<String> started = new ArrayList<>();
    private RuntimeException failure;
    /** What the scenario does before StartScenarios' answer is lost: it fetches its config (the call rings). */
    private boolean scenarioRunsAnyway;
    private final CallsService service = new CallsService(repo, id -> {
        if (scenarioRunsAnyway) {
            repo.transition(id, Set.of(CallStatus.PENDING), CallStatus.RINGING, null);
        }
        if (failure != null) {
            throw failure;
        }
        started.add(id);
        return "7000" + started.size();
    }, new CallsSettings(CAP, CallingHours.parse("09:00-21:00"), "KZ", Map.of("KZ", ZoneId.of("Asia/Almaty")),
            ZoneId.of("UTC"), "asr", Set.of("asr"), "ru", null, Duration.ofMinutes(30), 3, "test"), clock);

    private Call start(String phone) {
        return service.start(new StartCallRequest(phone, null, null, null, null, null, null, null));
    }

    @Test
    void aRefusedOrCrashedStartScenariosGivesTheLineBack() {
        failure = new VoximplantException("down", true, null);
        assertThatThrownBy(() -> start("+77011234561")).isInstanceOf(ApiException.class);
        failure = new IllegalStateException("bug");
        assertThatThrownBy(() -> start("+77011234562")).isInstanceOf(IllegalStateException.class);
        assertThat(repo.lineHolders()).isEmpty();
        assertThat(repo.list(java.util.Optional.of(CallStatus.FAILED), 10)).hasSize(2);

        failure = null;
        start("+77011234563");
        start("+77011234564");
        assertThat(started).hasSize(CAP);
    }

    @Test
    void aStartScenariosThatTimedOutAfterItsScenarioRanIsNotReportedFailed() {
        // The answer was lost (timeout, 5xx) but the scenario runs and has fetched its config: the call is live. A
        // "failed, try again" answer would have the client start a second call to the same person.
        scenarioRunsAnyway = true;
        failure = new VoximplantException("read timed out", false, null);

        Call call = start("+77011234561");

        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
        assertThat(repo.lineHolders()).containsExactly(call.id());
    }

    @Test
    void theSchedulerFailsACallWithNoNewsAsLostWhichGivesItsLineBack() {
        Call silent = start("+77011234561");
        assertThat(service.reclaimLines(Duration.ofMinutes(30))).isZero();
        clock.advance(Duration.ofMinutes(29));
        assertThat(service.reclaimLines(Duration.ofMinutes(30))).isZero();
        assertThat(repo.find(silent.id()).orElseThrow().status()).isEqualTo(CallStatus.PENDING);

        clock.advance(Duration.ofMinutes(2));
        assertThat(service.reclaimLines(Duration.ofMinutes(30))).isEqualTo(1);
        assertThat(repo.find(silent.id()).orElseThrow().status()).isEqualTo(CallStatus.FAILED);
        assertThat(repo.find(silent.id()).orElseThrow().failure()).isEqualTo("lost");
        assertThat(repo.lineHolders()).isEmpty();
    }

    @Test
    void aLineStillHeldByAnEndedCallIsReclaimedAndUsableAgain() {
        // The function died between the call's last status write and the release: the ledger still lists it.
        Call ended = new Call("call_ended", "+77011234569", CallStatus.COMPLETED, "asr", "ru", null, null, Map.of(),
                NOW.toString(), NOW.toString(), 1, null, null, List.of(), null, null, null, null);
        assertThat(repo.createWithinCap(ended, CAP)).isTrue();
        start("+77011234561");
        assertThatThrownBy(() -> start("+77011234562")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(429);

        assertThat(service.reclaimLines(Duration.ofMinutes(30))).isEqualTo(1);
        assertThat(repo.lineHolders()).doesNotContain("call_ended");
        start("+77011234563");
        assertThat(started).hasSize(2);
    }

    @Test
    void everyCallThisServiceEndsItselfIsPassedOnOnceAsNoWebhookWillReportIt() {
        List<Call> ended = new ArrayList<>();
        service.onEnded(ended::add);
        failure = new VoximplantException("down", true, null);
        assertThatThrownBy(() -> start("+77011234561")).isInstanceOf(ApiException.class);
        failure = new IllegalStateException("bug");
        assertThatThrownBy(() -> start("+77011234562")).isInstanceOf(IllegalStateException.class);
        failure = null;
        Call silent = start("+77011234563");
        Call live = start("+77011234564");
        assertThat(ended).extracting(Call::status, Call::failure).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CallStatus.FAILED, "start_failed"),
                org.assertj.core.groups.Tuple.tuple(CallStatus.FAILED, "start_failed"));

        clock.advance(Duration.ofMinutes(20));
        repo.transition(live.id(), Set.of(CallStatus.PENDING), CallStatus.RINGING, null); // news from its scenario
        clock.advance(Duration.ofMinutes(11));
        service.reclaimLines(Duration.ofMinutes(30));
        service.reclaimLines(Duration.ofMinutes(30));
        assertThat(ended).hasSize(3);
        assertThat(ended.get(2)).extracting(Call::id, Call::status, Call::failure)
                .containsExactly(silent.id(), CallStatus.FAILED, "lost");
    }

    @Test
    void aFailingHookLeavesTheCallsEndAsItIs() {
        service.onEnded(call -> {
            throw new IllegalStateException("reminders table down");
        });
        failure = new VoximplantException("down", true, null);
        assertThatThrownBy(() -> start("+77011234561")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(502);
        assertThat(repo.list(java.util.Optional.of(CallStatus.FAILED), 10)).hasSize(1);
        assertThat(repo.lineHolders()).isEmpty();
    }
}
