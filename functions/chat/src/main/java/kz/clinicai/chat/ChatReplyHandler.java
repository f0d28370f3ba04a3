package kz.clinicai.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;
import kz.clinicai.chat.reply.ChatReplyWorker;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiPriming;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/** ChatReplyWorkerFunction: the reply queue (SQS FIFO, ReportBatchItemFailures) through {@link ChatReplyWorker}. */
public final class ChatReplyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ChatReplyWorker worker;

    public ChatReplyHandler() {
        this(ChatReplyModule.fromEnv(Env.current()));
        Priming.register("ChatReplyWorkerFunction", Env.current(), ChatReplyHandler::prime);
    }

    ChatReplyHandler(ChatReplyModule module) {
        this.worker = module.worker();
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data, no secret): one reply
     * job through the worker (SQS event, job JSON, the chat's DynamoDB reads), and one Responses call through the
     * chat's OpenAI client settings.
     */
    static void prime(Env env) {
        ChatReplyModule module = ChatReplyModule.fromEnv(env);
        new ChatReplyHandler(module).handleRequest(SyntheticEvents.sqs("arn:aws:sqs:us-east-1:000000000000:priming.fifo",
                "{\"token\":\"priming-token-0000000001\",\"messageId\":\"01JD0000000000000000000001\"}", Map.of()),
                SyntheticEvents.context("ChatReplyWorkerFunction"));
        OpenAiPriming.respond(OpenAiClients.create(module.openAi()), module.model());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Logs.withRequestContext(context, () -> worker.process(event));
    }
}
