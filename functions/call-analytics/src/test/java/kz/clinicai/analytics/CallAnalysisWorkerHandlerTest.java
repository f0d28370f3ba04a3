package kz.clinicai.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.calls.InMemoryCallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.uis.UisCall;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.analytics.worker.CallProcessor;
import kz.clinicai.analytics.worker.InMemoryRecordingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's queue semantics (ReportBatchItemFailures through SqsBatch): a retryable failure reports its message
 * failed until the last receive, where the call fails for good instead (row + one admin notice) and the message is
 * deleted; a message for a call that is not stored is deleted. Recordings come from a port nothing listens on, so
 * the recording step fails the retryable way without a network.
 */
class CallAnalysisWorkerHandlerTest {

    static final int MAX_RECEIVES = 5;
    // Port 9 (discard) on loopback: connection refused at once.
    static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @TempDir
    Path tmp;
    final InMemoryCallStore calls = new InMemoryCallStore();
    final List<String> notices = new ArrayList<>();
    final Profile profile = Fixtures.profile(Fixtures.criteria());

    CallAnalysisWorkerHandler handler() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ProfileRepository profiles = new ProfileRepository() {
            @Override
            public boolean create(Profile p) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Profile> find(String profileId) {
                return Optional.of(profile).filter(p -> p.profileId().equals(profileId));
            }

            @Override
            public List<Profile> list() {
                return List.of(profile);
            }

            @Override
            public boolean update(Profile p, long expectedVersion) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setPullError(String profileId, String error) {
                throw new UnsupportedOperationException();
            }
        };
        CallProcessor processor = new CallProcessor(profiles, calls, (job, delay) -> {
        }, new InMemoryRecordingStore(), null, null,
                p -> new UisClient(http, NOWHERE, () -> "token", Duration.ofSeconds(2)),
                (profileId, callId, reason) -> notices.add(profileId + "/" + callId),
                new CallProcessor.Settings(NOWHERE, Duration.ofSeconds(1), 3, 1024, 60, 1, tmp));
        return new CallAnalysisWorkerHandler(new CallAnalysisWorkerModule(processor, MAX_RECEIVES));
    }

    static SQSEvent event(String body, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-" + receiveCount + "-" + body.hashCode());
        m.setReceiptHandle("r-" + receiveCount);
        m.setBody(body);
        m.setEventSourceArn("arn:aws:sqs:eu-central-1:123456789012:AnalyticsQueue");
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    void stored(long id) {
        calls.register(profile.profileId(), new UisCall(id, "2026-11-30 10:15:00", "2026-11-30 10:17:00", "in",
                false, "77011234567", "77272001122", 110, 120, id, List.of("abc123"), List.of(), List.of()),
                CallStatus.QUEUED);
    }

    @Test
    void aRetryableFailureComesBackUntilTheLastReceiveWhereTheCallFailsForGood() {
        stored(71);
        CallAnalysisWorkerHandler worker = handler();
        String job = "{\"profileId\":\"demo-1\",\"callId\":71}";

        for (int receive = 1; receive < MAX_RECEIVES; receive++) {
            SQSEvent event = event(job, receive);
            assertThat(failed(worker.process(event))).as("receive %d", receive)
                    .containsExactly(event.getRecords().get(0).getMessageId());
            assertThat(calls.find("demo-1", 71).orElseThrow().status()).isEqualTo(CallStatus.QUEUED);
        }
        assertThat(notices).isEmpty();

        assertThat(failed(worker.process(event(job, MAX_RECEIVES)))).as("the last receive is final").isEmpty();
        var call = calls.find("demo-1", 71).orElseThrow();
        assertThat(call.status()).isEqualTo(CallStatus.FAILED);
        assertThat(call.pendingWrite()).as("its row says why").isEqualTo("demo-1");
        assertThat(call.reason()).startsWith("queued: UIS: recording download");
        assertThat(call.attempts()).as("every receive's error is kept").isGreaterThanOrEqualTo(MAX_RECEIVES);
        assertThat(notices).containsExactly("demo-1/71");
    }

    @Test
    void aMessageForACallNotStoredIsDeleted() {
        assertThat(failed(handler().process(event("{\"profileId\":\"demo-1\",\"callId\":72}", 1)))).isEmpty();
    }

    @Test
    void anUnreadableMessageIsKeptForTheDeadLetterQueue() {
        SQSEvent event = event("not json", 1);
        assertThat(failed(handler().process(event))).containsExactly(event.getRecords().get(0).getMessageId());
    }
}
