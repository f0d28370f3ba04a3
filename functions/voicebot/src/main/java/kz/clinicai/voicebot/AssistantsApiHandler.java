package kz.clinicai.voicebot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;

/** {@code POST /api/assistants/create/} and {@code GET /api/assistants/info/}. */
public final class AssistantsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRouter router;

    public AssistantsApiHandler() {
        this(AssistantsApiModule.fromEnv(Env.current()).api());
    }

    AssistantsApiHandler(AssistantsApi api) {
        this.router = HttpRouter.builder()
                .route("POST", "/api/assistants/create", api::create)
                .route("GET", "/api/assistants/info", api::info)
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }
}
