package kz.clinicai.shared.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class SqsSenderTest {

    record Job(String token, int attempt) {
    }

    final List<Object> requests = new ArrayList<>();
    final SqsClient sqs = new SqsClient() {
        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            requests.add(request);
            return SendMessageResponse.builder().messageId("sqs-1").build();
        }

        @Override
        public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
            requests.add(request);
            return ChangeMessageVisibilityResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    };
    final SqsSender<Job> sender = new SqsSender<>(sqs, "http://127.0.0.1:9324/000000000000/jobs.fifo");

    @Test
    void writesTheSharedJsonAndCapsDelaysAtWhatSqsAllows() throws Exception {
        sender.send(new Job("t-1", 2), Duration.ofMillis(1_500));
        sender.send(new Job("t-2", 0), Duration.ofHours(1));
        sender.send(new Job("t-3", 0));

        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(((SendMessageRequest) r).queueUrl())
                .endsWith("/jobs.fifo"));
        SendMessageRequest first = (SendMessageRequest) requests.get(0);
        assertThat(Json.mapper().readValue(first.messageBody(), Job.class)).isEqualTo(new Job("t-1", 2));
        assertThat(first.delaySeconds()).as("rounded up").isEqualTo(2);
        assertThat(((SendMessageRequest) requests.get(1)).delaySeconds()).isEqualTo(900);
        assertThat(((SendMessageRequest) requests.get(2)).delaySeconds()).isZero();
    }

    @Test
    void fifoSendsCarryTheGroupAndTheDeduplicationId() {
        sender.sendFifo(new Job("t-1", 0), "t-1", "msg-1");

        SendMessageRequest request = (SendMessageRequest) requests.get(0);
        assertThat(request.messageGroupId()).isEqualTo("t-1");
        assertThat(request.messageDeduplicationId()).isEqualTo("msg-1");
        assertThat(request.delaySeconds()).as("FIFO queues refuse per-message delays").isNull();
    }

    @Test
    void retimingStaysWithinOneSecondAndTwelveHours() {
        sender.retryAfter("r-1", Duration.ZERO);
        sender.retryAfter("r-2", Duration.ofDays(2));
        sender.retryAfter("r-3", Duration.ofMillis(40_001));

        assertThat(requests).extracting(r -> ((ChangeMessageVisibilityRequest) r).visibilityTimeout())
                .containsExactly(1, 43_200, 41);
        assertThat(((ChangeMessageVisibilityRequest) requests.get(0)).receiptHandle()).isEqualTo("r-1");
    }
}
