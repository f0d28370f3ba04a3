package kz.clinicai.chat.reply;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The consumer of the reply queue (SQS FIFO, ReportBatchItemFailures). A record that fails or must wait (the
 * model is down, the chat waits for an operator) is reported failed and, when the service says how long, made
 * visible again only then; later records of the same chat (FIFO group) are reported failed unprocessed, since a
 * group must not skip ahead of a message that will be retried. Other chats of the batch go on, but once the model
 * failed it is not called again in this invocation: their jobs wait the same way, with their own backoff.
 */
public final class ChatReplyWorker {

    private static final Logger LOG = LogManager.getLogger(ChatReplyWorker.class);

    private final ReplyService service;
    private final ReplyQueue queue;

    /** Without a queue to re-time jobs (tests): a job that must wait comes back after the queue's visibility. */
    ChatReplyWorker(ReplyService service) {
        this(service, (receiptHandle, delay) -> { });
    }

    public ChatReplyWorker(ReplyService service, ReplyQueue queue) {
        this.service = service;
        this.queue = queue;
    }

    public SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        // FIFO group (chat token) → how long its failed job waits; null: the default visibility timeout.
        Map<String, Duration> failedGroups = new HashMap<>();
        boolean modelDown = false;
        // An unreadable record of an unknown group: nothing after it may overtake it.
        boolean stopped = false;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (stopped) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            ReplyJob job;
            try {
                job = Json.mapper().readValue(record.getBody(), ReplyJob.class);
            } catch (Exception e) {
                // Unreadable: retrying cannot fix it; the DLQ keeps it for a look.
                LOG.error("Reply job {} is unreadable", record.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                stopped = true;
                continue;
            }
            if (failedGroups.containsKey(job.token())) {
                retryLater(record, failedGroups.get(job.token()));
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            try {
                ReplyService.Outcome outcome = service.process(job, receiveCount(record), modelDown);
                LOG.info("Reply job {}: {}", record.getMessageId(), outcome.result());
                if (outcome.retry()) {
                    modelDown |= outcome.result() == ReplyService.Result.RETRY_MODEL;
                    retryLater(record, outcome.retryAfter());
                    failedGroups.put(job.token(), outcome.retryAfter());
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            } catch (Exception e) {
                LOG.error("Reply job {} failed; it and the rest of its chat's jobs will be retried",
                        record.getMessageId(), e);
                failedGroups.put(job.token(), null);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void retryLater(SQSEvent.SQSMessage record, Duration delay) {
        if (delay == null || record.getReceiptHandle() == null) {
            return;
        }
        try {
            queue.retryLater(record.getReceiptHandle(), delay);
        } catch (RuntimeException e) {
            // The job still comes back, after the queue's visibility timeout instead.
            LOG.warn("Could not re-time reply job {}: {}", record.getMessageId(), e.toString());
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
