package kz.clinicai.chat.operator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.secrets.ConstantTime;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/**
 * {@code POST /telegram/webhook}: Telegram's updates for the operator bot. Only requests carrying the secret
 * registered with setWebhook get past the first check; anything else is a 401 with no effect.
 */
public final class TelegramWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    // Updates with a long message stay far below this.
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final HttpRouter router;

    public TelegramWebhookHandler() {
        this(TelegramWebhookModule.fromEnv());
        Priming.register("TelegramWebhookFunction", Env.current(), TelegramWebhookHandler::prime);
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data; its webhook secret is
     * the priming server's placeholder): an operator's /start update with that secret through the whole path
     * (secret check, update JSON, the operator's DynamoDB reads and writes, the outbox's SQS send).
     */
    static void prime(Env env) {
        TelegramWebhookHandler twin = new TelegramWebhookHandler(new TelegramWebhookModule(env));
        twin.handleRequest(SyntheticEvents.http("POST", "POST /telegram/webhook", "/telegram/webhook", Map.of(),
                Map.of("content-type", "application/json", "x-telegram-bot-api-secret-token", "priming"),
                "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":1,\"type\":\"private\"},"
                        + "\"from\":{\"id\":1,\"is_bot\":false,\"first_name\":\"priming\"},\"text\":\"/start\"}}"),
                SyntheticEvents.context("TelegramWebhookFunction"));
    }

    TelegramWebhookHandler(TelegramWebhookModule module) {
        this(module.service(), module.secret());
    }

    /** A fixed secret (tests). */
    public TelegramWebhookHandler(OperatorService service, String secret) {
        this(service, () -> secret);
    }

    /** @param secret the current webhook secret (Secrets Manager, cached with a TTL), asked on every update */
    public TelegramWebhookHandler(OperatorService service, Supplier<String> secret) {
        this.router = HttpRouter.builder()
                .route("POST", "/telegram/webhook", request -> {
                    requireSecret(request, secret.get());
                    TelegramUpdate update = request.readJson(TelegramUpdate.class, MAX_BODY_BYTES);
                    service.handle(update);
                    return HttpResponses.json(200, Map.of());
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }

    private static void requireSecret(HttpRequest request, String expected) {
        // Constant-time: response timing must not reveal how much of a guess was right.
        if (!ConstantTime.equals(request.header(SECRET_HEADER).orElse(""), expected)) {
            throw ApiException.unauthorized("Missing or wrong secret token");
        }
    }
}
