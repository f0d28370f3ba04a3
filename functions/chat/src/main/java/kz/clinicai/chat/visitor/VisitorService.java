package kz.clinicai.chat.visitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.ChatTexts;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.operator.OperatorTexts;
import kz.clinicai.chat.ratelimit.ChatRateLimits;
import kz.clinicai.chat.reply.ReplyJob;
import kz.clinicai.chat.reply.ReplyJobs;
import kz.clinicai.chat.reply.ReplyService;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.validation.Validate;

/** The visitor's use cases: post a message, collect replies, call an operator. */
final class VisitorService {

    static final int MAX_MESSAGE_CHARS = 2000;
    static final int MAX_REASON_CHARS = 500;
    static final String BUTTON_REASON = ChatTexts.get("reason.button");

    private final ChatRepository chats;
    private final ReplyJobs replyJobs;
    private final ChatRateLimits limits;
    private final OperatorDispatch operators;
    private final Clock clock;
    private final Duration handoffTimeout;

    VisitorService(ChatRepository chats, ReplyJobs replyJobs, ChatRateLimits limits, OperatorDispatch operators,
                   Clock clock) {
        this(chats, replyJobs, limits, operators, clock, null);
    }

    /** @param handoffTimeout a hand-off untaken this long returns to the assistant (null: never) */
    VisitorService(ChatRepository chats, ReplyJobs replyJobs, ChatRateLimits limits, OperatorDispatch operators,
                   Clock clock, Duration handoffTimeout) {
        this.handoffTimeout = handoffTimeout;
        this.chats = chats;
        this.replyJobs = replyJobs;
        this.limits = limits;
        this.operators = operators;
        this.clock = clock;
    }

    /** Stores the message and queues it for a reply; the chat is created by its first message. */
    ChatMessage post(String token, String text, String sourceIp) {
        String message = text == null ? "" : text.strip();
        // Only spaces, control or zero-width characters say nothing: no model call, no operator's time.
        if (message.codePoints().noneMatch(Validate::isVisible)) {
            throw ApiException.badRequest("empty_message", "Field 'message' must contain visible characters");
        }
        if (message.codePointCount(0, message.length()) > MAX_MESSAGE_CHARS) {
            throw ApiException.badRequest("message_too_long", "Field 'message' is longer than " + MAX_MESSAGE_CHARS + " characters");
        }
        Instant now = clock.instant();
        limits.check(token, sourceIp, now);
        chats.open(token, now);
        ChatMessage stored = ChatMessage.create(Author.VISITOR, message, now);
        chats.addVisitorMessage(token, stored);
        replyJobs.enqueue(new ReplyJob(token, stored.id()));
        return stored;
    }

    /** Messages not yet delivered to this token; each is returned by exactly one poll. */
    List<ChatMessage> poll(String token) {
        var chat = chats.find(token);
        if (chat.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        // The widget polls all the time: the natural moment to notice a hand-off nobody took in time.
        if (handoffTimeout != null && chat.get().mode() == ChatMode.WAITING_OPERATOR
                && !chat.get().changedAt().plus(handoffTimeout).isAfter(now)) {
            if (chats.returnUnclaimed(token, now.minus(handoffTimeout),
                    ChatMessage.create(Author.SYSTEM, ReplyService.NOBODY_TOOK, now), now)) {
                operators.refreshBoards();
            }
        }
        List<ChatMessage> delivered = new ArrayList<>();
        for (ChatMessage message : chats.undelivered(token)) {
            if (chats.markDelivered(token, message.id(), now)) {
                delivered.add(message.delivered(now));
            }
        }
        return delivered;
    }

    /** The widget's "call an operator" button: hands the chat off unless it is with operators already. */
    ChatMode callOperator(String token, String reason, String sourceIp) {
        Instant now = clock.instant();
        limits.check(token, sourceIp, now);
        Chat chat = chats.open(token, now);
        if (chat.mode() != ChatMode.AI) {
            return chat.mode();
        }
        String why = reason == null || reason.isBlank() ? BUTTON_REASON : truncate(reason.strip());
        ChatMessage notice = ChatMessage.create(Author.SYSTEM, OperatorTexts.VISITOR_HANDOFF, now);
        if (chats.requestOperator(token, why, notice, now)) {
            operators.announce(chat, why, now);
            return ChatMode.WAITING_OPERATOR;
        }
        return chats.find(token).map(Chat::mode).orElse(ChatMode.WAITING_OPERATOR);
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
    }
}
