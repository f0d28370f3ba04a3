package kz.clinicai.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import kz.clinicai.chat.operator.OperatorWebhook;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/** TelegramWebhookFunction: the operator bot's updates ({@link OperatorWebhook}). */
public final class TelegramWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OperatorWebhook webhook;

    public TelegramWebhookHandler() {
        this(TelegramWebhookModule.fromEnv(Env.current()));
        Priming.register("TelegramWebhookFunction", Env.current(), TelegramWebhookHandler::prime);
    }

    TelegramWebhookHandler(TelegramWebhookModule module) {
        this.webhook = module.webhook();
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data; its webhook secret is
     * the priming server's placeholder): an operator's /start update with that secret through the whole path
     * (secret check, update JSON, the operator's DynamoDB reads and writes, the outbox's SQS send).
     */
    static void prime(Env env) {
        TelegramWebhookHandler twin = new TelegramWebhookHandler(TelegramWebhookModule.fromEnv(env));
        twin.handleRequest(SyntheticEvents.http("POST", "POST /telegram/webhook", "/telegram/webhook", Map.of(),
                Map.of("content-type", "application/json", "x-telegram-bot-api-secret-token", "priming"),
                "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":1,\"type\":\"private\"},"
                        + "\"from\":{\"id\":1,\"is_bot\":false,\"first_name\":\"priming\"},\"text\":\"/start\"}}"),
                SyntheticEvents.context("TelegramWebhookFunction"));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> webhook.handle(event));
    }
}
