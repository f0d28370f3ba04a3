package kz.clinicai.shared.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    record Job(String group, String text) {
    }

    final Map<String, Duration> retimed = new LinkedHashMap<>();
    final SqsBatch<Job> batch = new SqsBatch<>(Job.class, retimed::put);
    final List<String> handled = new ArrayList<>();

    static SQSEvent event(String queueArn, String... groupAndBodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < groupAndBodies.length; i += 2) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + (i / 2 + 1));
            m.setReceiptHandle("r" + (i / 2 + 1));
            m.setEventSourceArn(queueArn);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("ApproximateReceiveCount", "3");
            if (groupAndBodies[i] != null) {
                attributes.put("MessageGroupId", groupAndBodies[i]);
            }
            m.setAttributes(attributes);
            m.setBody(groupAndBodies[i + 1]);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static String job(String group, String text) {
        return "{\"group\":\"" + group + "\",\"text\":\"" + text + "\"}";
    }

    SqsBatch.RecordHandler<Job> handler() {
        return (job, record) -> {
            handled.add(job.text());
            assertThat(record.receiveCount()).isEqualTo(3);
            return switch (job.text()) {
                case "wait" -> RecordResult.retryAfter(Duration.ofSeconds(40));
                case "again" -> RecordResult.retry();
                case "gone" -> RecordResult.drop("the chat is gone");
                case "boom" -> throw new IllegalStateException("a bug");
                default -> RecordResult.done();
            };
        };
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void onAStandardQueueEachRecordStandsAlone() {
        SQSBatchResponse response = batch.process(event("arn:aws:sqs:eu-central-1:1:jobs",
                null, job("a", "ok"), null, job("a", "wait"), null, "not json", null, job("a", "boom"),
                null, job("a", "gone"), null, job("a", "again"), null, job("a", "ok2")), handler());

        assertThat(failed(response)).containsExactly("m2", "m3", "m4", "m6");
        assertThat(handled).containsExactly("ok", "wait", "boom", "gone", "again", "ok2");
        assertThat(retimed).containsExactly(Map.entry("r2", Duration.ofSeconds(40)));
    }

    @Test
    void onAFifoQueueAFailedRecordHoldsBackTheRestOfItsGroupOnly() {
        SQSBatchResponse response = batch.process(event("arn:aws:sqs:eu-central-1:1:jobs.fifo",
                "a", job("a", "one"), "a", job("a", "wait"), "b", job("b", "two"), "a", job("a", "three"),
                "b", job("b", "boom"), "b", job("b", "four"), "c", job("c", "five")), handler());

        assertThat(failed(response)).containsExactly("m2", "m4", "m5", "m6");
        assertThat(handled).as("a's third and b's fourth never overtake a record that will be retried")
                .containsExactly("one", "wait", "two", "boom", "five");
        assertThat(retimed).containsExactly(Map.entry("r2", Duration.ofSeconds(40)),
                Map.entry("r4", Duration.ofSeconds(40)));
    }

    @Test
    void onAFifoQueueARecordWithoutAGroupThatFailsHoldsBackEverythingAfterIt() {
        SQSBatchResponse response = batch.process(event("arn:aws:sqs:eu-central-1:1:jobs.fifo",
                "a", job("a", "one"), null, "not json", "b", job("b", "two")), handler());

        assertThat(failed(response)).containsExactly("m2", "m3");
        assertThat(handled).containsExactly("one");
    }

    @Test
    void aFailingRetimingStillReportsTheRecordFailed() {
        SqsBatch<Job> broken = new SqsBatch<>(Job.class, (receipt, delay) -> {
            throw new IllegalStateException("SQS down");
        });
        SQSBatchResponse response = broken.process(event("arn:aws:sqs:eu-central-1:1:jobs", null, job("a", "wait")),
                handler());
        assertThat(failed(response)).containsExactly("m1");
    }
}
