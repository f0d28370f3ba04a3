package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import kz.clinicai.local.fixture.BatchHandler;
import kz.clinicai.local.fixture.CappedHandler;
import kz.clinicai.local.fixture.FifoBarrierHandler;
import kz.clinicai.local.fixture.FifoHandler;
import kz.clinicai.local.fixture.PoisonHandler;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class EventSourcesIT {

    private final Stack stack = LocalStackFixture.stack();
    private final SqsClient sqs = stack.aws().sqs();

    private String url(String logicalId) {
        return stack.world().queueUrl(stack.world().queue(logicalId));
    }

    @Test
    void partialBatchFailureRedeliversOnlyTheFailedMessage() throws Exception {
        String queue = url("WorkQueue");
        sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(
                e -> e.id("1").messageBody("ok-1"), e -> e.id("2").messageBody("fail-1"), e -> e.id("3").messageBody("ok-2")));
        LocalStackFixture.await("the failed message redelivered", Duration.ofSeconds(20),
                () -> BatchHandler.DELIVERIES.getOrDefault("fail-1", List.of()).size() >= 2);
        assertThat(BatchHandler.DELIVERIES.get("ok-1")).hasSize(1);
        assertThat(BatchHandler.DELIVERIES.get("ok-2")).hasSize(1);
        assertThat(BatchHandler.DELIVERIES.get("fail-1")).startsWith("1", "2");
        var record = BatchHandler.RECORDS.stream().filter(m -> m.getBody().equals("ok-1")).findFirst().orElseThrow();
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getAttributes()).containsKeys("SentTimestamp", "ApproximateReceiveCount");
    }

    @Test
    void poisonMessageLandsInTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        sqs.sendMessage(r -> r.queueUrl(url("PoisonQueue")).messageBody("poison-pill"));
        String dlq = url("PoisonDlq");
        List<Message>[] found = new List[1];
        LocalStackFixture.await("the message in the DLQ", Duration.ofSeconds(20), () -> {
            found[0] = sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)).messages();
            return !found[0].isEmpty();
        });
        assertThat(found[0].get(0).body()).isEqualTo("poison-pill");
        assertThat(PoisonHandler.ATTEMPTS.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void moreSlowFifoGroupsThanPollersRunAtOnce() throws Exception {
        // Each group is sent only once the previous one is inside the function, so each arrives in a batch of its
        // own; every invocation waits for all five: pollers that waited for their batch would stall at three.
        String queue = url("BarrierQueue");
        for (int g = 1; g <= FifoBarrierHandler.GROUPS; g++) {
            String group = "chat-" + g;
            sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId(group).messageBody("hello from " + group));
            int entered = g;
            LocalStackFixture.await(group + " inside the function", Duration.ofSeconds(10),
                    () -> FifoBarrierHandler.ENTERED.get() >= entered);
        }
        LocalStackFixture.await("every group released", Duration.ofSeconds(20),
                () -> FifoBarrierHandler.RELEASED.get() >= FifoBarrierHandler.GROUPS);
        assertThat(FifoBarrierHandler.ENTERED.get()).isEqualTo(FifoBarrierHandler.GROUPS);
    }

    @Test
    void fifoKeepsOrderWithinAGroupAndGroupsProgressInParallel() throws Exception {
        String queue = url("OrderQueue");
        sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId("a").messageBody("wait-for-b"));
        for (int i = 1; i <= 5; i++) {
            String body = "a-" + i;
            sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId("a").messageBody(body));
        }
        for (int i = 1; i <= 3; i++) {
            String body = "b-" + i;
            sqs.sendMessage(r -> r.queueUrl(queue).messageGroupId("b").messageBody(body));
        }
        LocalStackFixture.await("both groups handled", Duration.ofSeconds(20),
                () -> FifoHandler.ORDER.getOrDefault("a", List.of()).size() >= 6
                        && FifoHandler.ORDER.getOrDefault("b", List.of()).size() >= 3);
        assertThat(FifoHandler.ORDER.get("a")).containsExactly("wait-for-b", "a-1", "a-2", "a-3", "a-4", "a-5");
        assertThat(FifoHandler.ORDER.get("b")).containsExactly("b-1", "b-2", "b-3");
    }

    @Test
    void maximumConcurrencyCapsTheBatchesRunningAtOnceWhileMoreMessagesWait() throws Exception {
        assertThat(LocalStackFixture.bootOutput()).contains("-> CappedFunction (BatchSize 1, ReportBatchItemFailures, "
                + "MaximumConcurrency " + CappedHandler.CAP + ")");
        // Ten at once, one per batch: more than the cap and than the three pollers, so every poller has work.
        List<String> bodies = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "capped-" + i).toList();
        sqs.sendMessageBatch(r -> r.queueUrl(url("CappedQueue")).entries(bodies.stream()
                .map(b -> SendMessageBatchRequestEntry.builder().id(b).messageBody(b).build()).toList()));
        assertCapHeld(CappedHandler.queue("CappedQueue"), bodies);
    }

    @Test
    void maximumConcurrencyCapsAFifoMappingsGroupsRunningAtOnce() throws Exception {
        assertThat(LocalStackFixture.bootOutput()).contains("-> CappedFunction (BatchSize 10, ReportBatchItemFailures, "
                + "FIFO, MaximumConcurrency " + CappedHandler.CAP + ")");
        // Ten groups of one message: uncapped, each would be invoked at once (up to 32 groups).
        List<String> bodies = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "fifo-" + i).toList();
        sqs.sendMessageBatch(r -> r.queueUrl(url("CappedFifoQueue")).entries(bodies.stream()
                .map(b -> SendMessageBatchRequestEntry.builder().id(b).messageGroupId(b).messageBody(b).build())
                .toList()));
        assertCapHeld(CappedHandler.queue("CappedFifoQueue.fifo"), bodies);
    }

    private static void assertCapHeld(CappedHandler.Queue queue, List<String> bodies) throws Exception {
        LocalStackFixture.await("every capped message handled", Duration.ofSeconds(30),
                () -> queue.done.size() == bodies.size());
        assertThat(queue.done).containsExactlyInAnyOrderElementsOf(bodies);
        // The cap was reached (batches did run side by side) and never passed, while messages were still waiting.
        assertThat(queue.peak.get()).isEqualTo(CappedHandler.CAP);
        assertThat(queue.startedAtPeak.get()).isLessThan(bodies.size());
    }

    @Test
    void scheduleFiredNowReachesItsHandlerWithAScheduledEvent() throws Exception {
        var r = LocalStackFixture.post("/_local/schedules/ScheduleFunction/Nightly", "application/json", new byte[0]);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).asText()).isEqualTo("Scheduled Event|aws.events|"
                + "arn:aws:events:us-east-1:000000000000:rule/local-ScheduleFunction-Nightly|us-east-1|true");
        assertThat(LocalStackFixture.post("/_local/schedules/ScheduleFunction/Nope", "application/json",
                new byte[0]).statusCode()).isEqualTo(404);
    }
}
