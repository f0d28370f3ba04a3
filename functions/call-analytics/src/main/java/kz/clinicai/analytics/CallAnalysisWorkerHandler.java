package kz.clinicai.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.worker.CallProcessor;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.logging.Logs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-call queue's consumer (ReportBatchItemFailures): each message is one call through {@link CallProcessor};
 * a retryable failure reports that message failed (SQS redelivers it after the visibility timeout), and on the
 * last receive the call is failed for good instead (its row says why, the admins hear of it).
 */
public final class CallAnalysisWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CallAnalysisWorkerHandler.class);

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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            CallQueue.CallJob job;
            try {
                job = Json.mapper().readValue(message.getBody(), CallQueue.CallJob.class);
            } catch (Exception e) {
                LOG.error("Message {} is not a call job; dropped", message.getMessageId());
                continue;
            }
            int receives = receives(message);
            try {
                var status = processor.process(job, receives >= maxReceives);
                LOG.info("Call {} of profile {}: {}", job.callId(), job.profileId(), status.id());
            } catch (CallProcessor.RetryableFailure e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } catch (RuntimeException e) {
                LOG.error("Call {} of profile {} failed unexpectedly (receive {})", job.callId(), job.profileId(),
                        receives, e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static int receives(SQSEvent.SQSMessage message) {
        try {
            return Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
