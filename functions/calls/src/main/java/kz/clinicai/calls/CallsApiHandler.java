package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import kz.clinicai.calls.api.CallsApi;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/** {@code POST /calls}, {@code GET /calls}, {@code GET /calls/{id}}, {@code GET /health}. */
public final class CallsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final CallsApi api;

    public CallsApiHandler() {
        this(CallsModule.api(Env.current()));
    }

    public CallsApiHandler(CallsApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> api.handle(event));
    }
}
