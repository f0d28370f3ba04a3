package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kz.clinicai.calls.webhook.ScenarioWebhook;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.openai.OpenAiPriming;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/** The scenario's function URL: {@code POST /} with a signed JSON body (config, event, turn). */
public final class CallsWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpRouter router;

    public CallsWebhookHandler() {
        this(CallsWebhookModule.fromEnv(Env.current()));
        Priming.register("CallsWebhookFunction", Env.current(), CallsWebhookHandler::prime);
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data; signed with the
     * priming server's placeholder key): a signed scenario event through the router (signature, nonce claim in
     * DynamoDB, the call's read), and one Responses call through the webhook's OpenAI client settings.
     */
    static void prime(Env env) {
        CallsWebhookModule module = CallsWebhookModule.fromEnv(env);
        CallsWebhookHandler twin = new CallsWebhookHandler(module);
        String callId = "call_00000000000000000000000000000000";
        String body = "{\"type\":\"event\",\"call_id\":\"" + callId + "\",\"event\":\"Connected\"}";
        String signature = WebhookSignature.sign(new WebhookKeys(() -> "priming").callKey(callId),
                System.currentTimeMillis() / 1000, "priming-" + System.nanoTime(), body);
        twin.handleRequest(SyntheticEvents.http("POST", "$default", "/", Map.of(),
                Map.of("content-type", "application/json", WebhookSignature.HEADER, signature), body),
                SyntheticEvents.context("CallsWebhookFunction"));
        OpenAiPriming.respond(module.openAi(), module.model());
    }

    CallsWebhookHandler(CallsWebhookModule module) {
        ScenarioWebhook webhook = module.webhook();
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
