package kz.clinicai.chat.reply;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.logging.Logs;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Lambda entry point of the reply queue (SQS FIFO, ReportBatchItemFailures). After the first failure every
 * later record of the batch is reported failed too, unprocessed: a FIFO group must not skip ahead of a message
 * that will be retried.
 */
public final class ChatReplyWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LogManager.getLogger(ChatReplyWorker.class);

    private final ReplyService service;

    public ChatReplyWorker() {
        this(ChatReplyModule.fromEnv().service());
    }

    public ChatReplyWorker(ReplyService service) {
        this.service = service;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Logs.withRequestContext(context, () -> process(event));
    }

    SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean failed = false;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (!failed) {
                try {
                    ReplyJob job = Json.mapper().readValue(record.getBody(), ReplyJob.class);
                    ReplyService.Result result = service.process(job);
                    LOG.info("Reply job {}: {}", record.getMessageId(), result);
                    continue;
                } catch (Exception e) {
                    LOG.error("Reply job {} failed; it and the rest of the batch will be retried",
                            record.getMessageId(), e);
                    failed = true;
                }
            }
            failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
