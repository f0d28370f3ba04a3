package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import kz.clinicai.calls.api.CallsApi;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/**
 * {@code POST /calls}, {@code GET /calls}, {@code GET /calls/{id}}, {@code GET/PUT /calls/settings}, the do-not-call
 * list ({@code GET/POST /calls/do-not-call}, {@code DELETE /calls/do-not-call/{phone}}), {@code GET /health}.
 */
public final class CallsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final CallsApi api;

    public CallsApiHandler() {
        this(CallsApiModule.fromEnv(Env.current()));
        Priming.register("CallsApiFunction", Env.current(), CallsApiHandler::prime);
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data; its API key is the
     * priming server's placeholder): a scheduled {@code POST /calls} (key check, strict JSON, phone parsing, calling
     * hours, the call's DynamoDB writes; scheduled, so Voximplant is not called) and a {@code GET /calls/{id}}.
     */
    static void prime(Env env) {
        CallsApiHandler twin = new CallsApiHandler(CallsApiModule.fromEnv(env));
        Map<String, String> headers = Map.of("content-type", "application/json", "x-api-key", "priming");
        twin.handleRequest(SyntheticEvents.http("POST", "POST /calls", "/calls", Map.of(), headers,
                "{\"phone\":\"+7 701 123 45 67\",\"language\":\"ru\",\"mode\":\"asr\",\"schedule\":true,"
                        + "\"timezone\":\"Asia/Almaty\"}"), SyntheticEvents.context("CallsApiFunction"));
        twin.handleRequest(SyntheticEvents.http("GET", "GET /calls/{id}", "/calls/call_priming",
                Map.of("id", "call_priming"), headers, null), SyntheticEvents.context("CallsApiFunction"));
    }

    CallsApiHandler(CallsApiModule module) {
        this.api = module.api();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> api.handle(event));
    }
}
