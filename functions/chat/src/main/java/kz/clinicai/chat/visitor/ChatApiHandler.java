package kz.clinicai.chat.visitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.Timestamps;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.CorsRequestHeaders;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.http.RouteHandler;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/**
 * The visitor's HTTP API, compatible with the old system's front end, plus the widget:
 * {@code POST /gpt}, {@code GET /message}, {@code POST /operator} (also under {@code /api/v1}),
 * {@code GET /widget/chat.js}, {@code GET /chat-demo}. API Gateway serves each with or without a trailing slash.
 */
@CorsRequestHeaders({ChatToken.HEADER, "content-type"})
public final class ChatApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    // 2,000 characters of up to 4 UTF-8 bytes each, JSON escapes and a little slack.
    static final int MAX_BODY_BYTES = 16 * 1024;

    record PostMessage(String message) {
    }

    record OperatorRequest(String reason) {
    }

    record PostedMessage(String id, @com.fasterxml.jackson.annotation.JsonProperty("date_create") String dateCreate) {
    }

    record OutgoingMessage(String message, @com.fasterxml.jackson.annotation.JsonProperty("date_create") String dateCreate,
                           String user) {
    }

    record Messages(List<OutgoingMessage> messages) {
    }

    record OperatorState(String mode) {
    }

    private final HttpRouter router;

    public ChatApiHandler() {
        this(ChatApiModule.fromEnv());
        Priming.register("ChatApiFunction", Env.current(), ChatApiHandler::prime);
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data): a visitor's post
     * (token, strict JSON, rate limits, the chat's DynamoDB writes, the SQS send) and a poll, through the router.
     */
    static void prime(Env env) {
        ChatApiHandler twin = new ChatApiHandler(new ChatApiModule(env));
        Map<String, String> headers = Map.of("content-type", "application/json", "chat-token", "priming-token-0000000001");
        twin.handleRequest(SyntheticEvents.http("POST", "POST /gpt", "/gpt", Map.of(), headers,
                "{\"message\":\"Здравствуйте, сколько стоит приём?\"}"), SyntheticEvents.context("ChatApiFunction"));
        twin.handleRequest(SyntheticEvents.http("GET", "GET /message", "/message", Map.of(), headers, null),
                SyntheticEvents.context("ChatApiFunction"));
    }

    ChatApiHandler(ChatApiModule module) {
        this(module.service(), module.assets());
    }

    ChatApiHandler(VisitorService service, WidgetAssets assets) {
        RouteHandler post = request -> {
            String token = ChatToken.require(request.header(ChatToken.HEADER));
            PostMessage body = request.readJson(PostMessage.class, MAX_BODY_BYTES);
            ChatMessage stored = service.post(token, body.message(), request.sourceIp());
            return HttpResponses.json(201, new PostedMessage(stored.id(), Timestamps.format(stored.createdAt())));
        };
        RouteHandler poll = request -> {
            String token = ChatToken.require(request.header(ChatToken.HEADER));
            List<OutgoingMessage> messages = service.poll(token).stream()
                    .map(m -> new OutgoingMessage(m.text(), Timestamps.format(m.createdAt()), m.author().name()))
                    .toList();
            // Polls must never be served from a cache: each one takes messages.
            return HttpResponses.json(200, new Messages(messages), Map.of("Cache-Control", "no-store"));
        };
        RouteHandler operator = request -> {
            String token = ChatToken.require(request.header(ChatToken.HEADER));
            String reason = hasBody(request) ? request.readJson(OperatorRequest.class, MAX_BODY_BYTES).reason() : null;
            ChatMode mode = service.callOperator(token, reason, request.sourceIp());
            return HttpResponses.json(202, new OperatorState(mode.name()));
        };
        // The same three routes under /api/v1: the original backend's front end uses base URL <host>/api/v1.
        this.router = HttpRouter.builder()
                .route("POST", "/gpt", post)
                .route("GET", "/message", poll)
                .route("POST", "/operator", operator)
                .route("POST", "/api/v1/gpt", post)
                .route("GET", "/api/v1/message", poll)
                .route("POST", "/api/v1/operator", operator)
                .route("GET", "/widget/chat.js", assets::script)
                .route("GET", "/chat-demo", assets::demo)
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }

    private static boolean hasBody(HttpRequest request) {
        return !request.bodyText().isBlank();
    }
}
