package kz.clinicai.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import kz.clinicai.chat.telegram.TelegramSender;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/** TelegramSendWorkerFunction: the Telegram outbox queue (SQS, ReportBatchItemFailures) through {@link TelegramSender}. */
public final class TelegramSendHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final TelegramSender sender;

    public TelegramSendHandler() {
        this(TelegramSendModule.fromEnv(Env.current()));
    }

    TelegramSendHandler(TelegramSendModule module) {
        this.sender = module.sender();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Logs.withRequestContext(context, () -> sender.process(event));
    }
}
