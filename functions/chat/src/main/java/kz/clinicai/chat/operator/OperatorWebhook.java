package kz.clinicai.chat.operator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.secrets.ConstantTime;

/**
 * {@code POST /telegram/webhook}: Telegram's updates for the operator bot. Only requests carrying the secret
 * registered with setWebhook get past the first check; anything else is a 401 with no effect.
 */
public final class OperatorWebhook {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    // Updates with a long message stay far below this.
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final HttpRouter router;

    /** A fixed secret (tests). */
    OperatorWebhook(OperatorService service, String secret) {
        this(service, () -> secret);
    }

    /** @param secret the current webhook secret (Secrets Manager, cached with a TTL), asked on every update */
    public OperatorWebhook(OperatorService service, Supplier<String> secret) {
        this.router = HttpRouter.builder()
                .route("POST", "/telegram/webhook", request -> {
                    requireSecret(request, secret.get());
                    TelegramUpdate update = request.readJson(TelegramUpdate.class, MAX_BODY_BYTES);
                    service.handle(update);
                    return HttpResponses.json(200, Map.of());
                })
                .build();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }

    private static void requireSecret(HttpRequest request, String expected) {
        // Constant-time: response timing must not reveal how much of a guess was right.
        if (!ConstantTime.equals(request.header(SECRET_HEADER).orElse(""), expected)) {
            throw ApiException.unauthorized("Missing or wrong secret token");
        }
    }
}
