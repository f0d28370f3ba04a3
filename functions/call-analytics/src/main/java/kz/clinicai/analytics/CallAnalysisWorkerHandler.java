package kz.clinicai.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.worker.CallProcessor;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.sqs.RecordResult;
import kz.clinicai.shared.sqs.SqsBatch;
import kz.clinicai.shared.sqs.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-call queue's consumer (the shared {@link SqsBatch}, ReportBatchItemFailures): each message is one call
 * through {@link CallProcessor}; a retryable failure (or an unexpected exception, logged by SqsBatch with its stack)
 * reports that message failed (SQS redelivers it after the visibility timeout), and on the last receive the call is
 * failed for good instead (its row says why, the admins hear of it).
 */
public final class CallAnalysisWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CallAnalysisWorkerHandler.class);

    // The worker never re-times a message: a retry comes back after the queue's visibility timeout (6x the
    // function's), a recording that is not there yet is sent again with a delay by CallProcessor.
    private final SqsBatch<CallQueue.CallJob> batch = new SqsBatch<>(CallQueue.CallJob.class, Visibility.QUEUE_DEFAULT);
    private final CallProcessor processor;
    private final int maxReceives;

    public CallAnalysisWorkerHandler() {
        this(CallAnalysisWorkerModule.fromEnv(Env.current()));
    }

    CallAnalysisWorkerHandler(CallAnalysisWorkerModule module) {
        this.processor = module.processor();
        this.maxReceives = module.maxReceives();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Logs.withRequestContext(context, () -> process(event));
    }

    SQSBatchResponse process(SQSEvent event) {
        return batch.process(event, (job, record) -> {
            try {
                var status = processor.process(job, record.receiveCount() >= maxReceives);
                LOG.info("Call {} of profile {}: {}", job.callId(), job.profileId(), status.id());
                return RecordResult.done();
            } catch (CallProcessor.RetryableFailure e) {
                // CallProcessor logged it and stored the step's error: the message comes back after the visibility.
                return RecordResult.retry();
            }
        });
    }
}
