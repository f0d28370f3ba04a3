package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.calls.webhook.ScenarioWebhook;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;

/** The scenario's function URL: {@code POST /} with a signed JSON body (config, event, turn). */
public final class CallsWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpRouter router;

    public CallsWebhookHandler() {
        this(CallsModule.webhook(Env.current()));
    }

    public CallsWebhookHandler(ScenarioWebhook webhook) {
        // A function URL's event has routeKey "$default": the one route is matched on method and path.
        this.router = HttpRouter.builder().route("POST", "/", request -> {
            String body = body(request);
            JsonNode json = request.readJson(JsonNode.class, MAX_BODY_BYTES);
            if (!json.isObject()) {
                throw ApiException.badRequest("malformed_json", "Request body must be a JSON object");
            }
            return HttpResponses.json(200, webhook.handle(request.header(WebhookSignature.HEADER).orElse(null), body, json));
        }).build();
    }

    private static String body(HttpRequest request) {
        // The signature covers the exact bytes sent.
        return request.bodyText();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }
}
