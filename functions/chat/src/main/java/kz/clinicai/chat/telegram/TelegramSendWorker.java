package kz.clinicai.chat.telegram;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import kz.clinicai.shared.logging.Logs;

/** Lambda entry point of the Telegram outbox queue (SQS, ReportBatchItemFailures). */
public final class TelegramSendWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final TelegramSender sender;

    public TelegramSendWorker() {
        this(TelegramSendModule.fromEnv().sender());
    }

    public TelegramSendWorker(TelegramSender sender) {
        this.sender = sender;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Logs.withRequestContext(context, () -> sender.process(event));
    }
}
