package kz.clinicai.chat.reply;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import kz.clinicai.shared.sqs.RecordResult;
import kz.clinicai.shared.sqs.SqsBatch;
import kz.clinicai.shared.sqs.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of the reply queue (SQS FIFO, ReportBatchItemFailures, one message group per chat). A job that
 * fails or must wait (the model is down, the chat waits for an operator) is reported failed and, when the service
 * says how long, made visible again only then; {@link SqsBatch} holds back the rest of that chat's jobs in the batch,
 * since a group must not skip ahead of a job that will be retried. Other chats of the batch go on, but once the model
 * failed it is not called again in this invocation: their jobs wait the same way, with their own backoff.
 */
public final class ChatReplyWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ChatReplyWorker.class);

    private final ReplyService service;
    private final SqsBatch<ReplyJob> batch;

    /** Without a queue to re-time jobs (tests): a job that must wait comes back after the queue's visibility. */
    ChatReplyWorker(ReplyService service) {
        this(service, Visibility.QUEUE_DEFAULT);
    }

    /** @param replyQueue re-times jobs that wait (the reply queue itself) */
    public ChatReplyWorker(ReplyService service, Visibility replyQueue) {
        this.service = service;
        this.batch = new SqsBatch<>(ReplyJob.class, replyQueue);
    }

    public SQSBatchResponse process(SQSEvent event) {
        // Per batch: once a job found the model failing, the others do not call it again now.
        boolean[] modelDown = {false};
        return batch.process(event, (job, record) -> {
            ReplyService.Outcome outcome = service.process(job, record.receiveCount(), modelDown[0]);
            LOG.info("Reply job {}: {}", record.messageId(), outcome.result());
            if (!outcome.retry()) {
                return RecordResult.done();
            }
            modelDown[0] |= outcome.result() == ReplyService.Result.RETRY_MODEL;
            return RecordResult.retryAfter(outcome.retryAfter());
        });
    }
}
