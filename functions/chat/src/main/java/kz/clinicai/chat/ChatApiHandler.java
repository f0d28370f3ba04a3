package kz.clinicai.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import kz.clinicai.chat.visitor.VisitorApi;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.CorsRequestHeaders;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/** ChatApiFunction: the visitor's API and the widget ({@link VisitorApi}). */
@CorsRequestHeaders({VisitorApi.TOKEN_HEADER, "content-type"})
public final class ChatApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final VisitorApi api;

    public ChatApiHandler() {
        this(ChatApiModule.fromEnv(Env.current()));
        Priming.register("ChatApiFunction", Env.current(), ChatApiHandler::prime);
    }

    ChatApiHandler(ChatApiModule module) {
        this.api = module.api();
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data): a visitor's post
     * (token, strict JSON, rate limits, the chat's DynamoDB writes, the SQS send) and a poll, through the router.
     */
    static void prime(Env env) {
        ChatApiHandler twin = new ChatApiHandler(ChatApiModule.fromEnv(env));
        Map<String, String> headers = Map.of("content-type", "application/json", "chat-token", "priming-token-0000000001");
        twin.handleRequest(SyntheticEvents.http("POST", "POST /gpt", "/gpt", Map.of(), headers,
                "{\"message\":\"Здравствуйте, сколько стоит приём?\"}"), SyntheticEvents.context("ChatApiFunction"));
        twin.handleRequest(SyntheticEvents.http("GET", "GET /message", "/message", Map.of(), headers, null),
                SyntheticEvents.context("ChatApiFunction"));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> api.handle(event));
    }
}
