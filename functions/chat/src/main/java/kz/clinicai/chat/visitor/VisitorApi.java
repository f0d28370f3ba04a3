package kz.clinicai.chat.visitor;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.Timestamps;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.ratelimit.ChatRateLimits;
import kz.clinicai.chat.reply.ReplyJobs;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.http.RouteHandler;

/**
 * The visitor's HTTP API, compatible with the old system's front end, plus the widget:
 * {@code POST /gpt}, {@code GET /message}, {@code POST /operator} (also under {@code /api/v1}),
 * {@code GET /widget/chat.js}, {@code GET /chat-demo}. API Gateway serves each with or without a trailing slash.
 */
public final class VisitorApi {

    /** The request headers browsers send cross-origin (the handler declares them for CORS preflights). */
    public static final String TOKEN_HEADER = ChatToken.HEADER;

    // 2,000 characters of up to 4 UTF-8 bytes each, JSON escapes and a little slack.
    static final int MAX_BODY_BYTES = 16 * 1024;

    record PostMessage(String message) {
    }

    record OperatorRequest(String reason) {
    }

    record PostedMessage(String id, @JsonProperty("date_create") String dateCreate) {
    }

    record OutgoingMessage(String message, @JsonProperty("date_create") String dateCreate, String user) {
    }

    record Messages(List<OutgoingMessage> messages) {
    }

    record OperatorState(String mode) {
    }

    private final HttpRouter router;

    /** @param handoffTimeout an untaken hand-off returns to the assistant when the visitor next polls (null: never) */
    public VisitorApi(ChatRepository chats, ReplyJobs replyJobs, ChatRateLimits limits, OperatorDispatch operators,
                      Clock clock, Duration handoffTimeout) {
        this(new VisitorService(chats, replyJobs, limits, operators, clock, handoffTimeout), new WidgetAssets());
    }

    VisitorApi(VisitorService service, WidgetAssets assets) {
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

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }

    private static boolean hasBody(HttpRequest request) {
        return !request.bodyText().isBlank();
    }
}
