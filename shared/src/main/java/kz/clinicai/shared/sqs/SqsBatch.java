package kz.clinicai.shared.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one SQS batch consumer, for event source mappings with {@code ReportBatchItemFailures}: each record
 * is read as JSON into {@code T}, handed to a {@link RecordHandler}, and its {@link RecordResult} decides whether it
 * is deleted or comes back (then re-timed when the handler says when).
 *
 * <p>Why not Powertools batch: it has no per-record "come back after N seconds" and, on FIFO queues, stops the whole
 * batch at the first failure; here one failing chat must hold back only its own message group, and a record that
 * waits for a model or a rate limit must come back at the time it names, not after the queue's default.
 *
 * <p>FIFO queues (the event source ARN ends in {@code .fifo}): once a record of a message group is not done, the
 * rest of that group in this batch is reported failed unattempted (and re-timed like it), since a group must not
 * skip ahead of a record that will be retried; a record without a group blocks everything after it.
 */
public final class SqsBatch<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    /** Handles one record. May be a lambda made for one batch, so per-batch state (a limit hit) lives in it. */
    @FunctionalInterface
    public interface RecordHandler<T> {
        RecordResult handle(T message, SqsRecord record) throws Exception;
    }

    private final Class<T> type;
    private final Visibility visibility;

    public SqsBatch(Class<T> type, Visibility visibility) {
        this.type = Objects.requireNonNull(type, "type");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
    }

    public SQSBatchResponse process(SQSEvent event, RecordHandler<T> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        // FIFO group → how long its failed record waits (null: the queue's default).
        Map<String, Duration> heldGroups = new HashMap<>();
        boolean held = false;
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            boolean fifo = message.getEventSourceArn() != null && message.getEventSourceArn().endsWith(".fifo");
            SqsRecord record = record(message);
            if (held || (fifo && record.groupId().isPresent() && heldGroups.containsKey(record.groupId().get()))) {
                Duration wait = held ? null : heldGroups.get(record.groupId().get());
                retime(record, wait);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.messageId()));
                continue;
            }
            RecordResult result = handle(message, record, handler);
            if (result instanceof RecordResult.Retry retry) {
                retime(record, retry.after());
                failures.add(new SQSBatchResponse.BatchItemFailure(record.messageId()));
                if (fifo) {
                    if (record.groupId().isPresent()) {
                        heldGroups.put(record.groupId().get(), retry.after());
                    } else {
                        held = true;
                    }
                }
            } else if (result instanceof RecordResult.Drop drop) {
                LOG.warn("Record {} dropped: {}", record.messageId(), drop.why());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private RecordResult handle(SQSEvent.SQSMessage message, SqsRecord record, RecordHandler<T> handler) {
        T body;
        try {
            body = Json.mapper().readValue(message.getBody(), type);
        } catch (Exception e) {
            // Retrying cannot fix it, but the DLQ keeps it for a look: reported failed until the redrive policy moves it.
            LOG.error("Record {} is not a readable {}", record.messageId(), type.getSimpleName(), e);
            return RecordResult.retry();
        }
        try {
            return Objects.requireNonNull(handler.handle(body, record), "the handler returned no result");
        } catch (Exception e) {
            LOG.error("Record {} failed; it will be retried", record.messageId(), e);
            return RecordResult.retry();
        }
    }

    private void retime(SqsRecord record, Duration wait) {
        if (wait == null || record.receiptHandle() == null) {
            return;
        }
        try {
            visibility.retryAfter(record.receiptHandle(), wait);
        } catch (RuntimeException e) {
            // The record still comes back, after the queue's visibility timeout instead.
            LOG.warn("Could not re-time record {}: {}", record.messageId(), e.toString());
        }
    }

    private static SqsRecord record(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        return new SqsRecord(message.getMessageId(), message.getReceiptHandle(),
                receiveCount(attributes.get("ApproximateReceiveCount")),
                Optional.ofNullable(attributes.get("MessageGroupId")).filter(g -> !g.isEmpty()));
    }

    private static int receiveCount(String count) {
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
