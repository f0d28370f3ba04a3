package kz.clinicai.voicebot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Supplier;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/assistants/create/} and {@code GET /api/assistants/info/}; both need the API key
 * ({@code x-api-key} or {@code Authorization: Bearer}), checked by the router.
 */
public final class AssistantsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AssistantsApiHandler.class);
    static final int MIN_KEY_CHARS = 16;

    private final HttpRouter router;

    public AssistantsApiHandler() {
        this(AssistantsApiModule.fromEnv(Env.current()));
    }

    private AssistantsApiHandler(AssistantsApiModule module) {
        this(module.api(), module.apiKey());
    }

    /** @param apiKey the current key (Secrets Manager, cached), asked on every request */
    AssistantsApiHandler(AssistantsApi api, Supplier<String> apiKey) {
        this.router = HttpRouter.builder()
                .apiKey(longEnough(apiKey))
                .route("POST", "/api/assistants/create", api::create)
                .route("GET", "/api/assistants/info", api::info)
                .build();
    }

    /**
     * A key shorter than {@value #MIN_KEY_CHARS} characters is a configuration mistake; accepting it would make the
     * API guessable, so it counts as no key (the router then refuses every request).
     */
    static Supplier<String> longEnough(Supplier<String> apiKey) {
        return () -> {
            String key = apiKey.get();
            if (key != null && key.length() < MIN_KEY_CHARS) {
                LOG.error("The assistants API secret's api_key is shorter than {} characters; every request is refused",
                        MIN_KEY_CHARS);
                return null;
            }
            return key;
        };
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }
}
