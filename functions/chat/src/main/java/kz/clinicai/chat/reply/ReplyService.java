package kz.clinicai.chat.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.ReplyOutcome;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.operator.OperatorTexts;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Answers one visitor message: with the model while the chat is in AI mode, else by passing it on to the
 * operator. Idempotent per visitor message: answering is one conditional write, and an answered message is
 * skipped before the model is called again. The visitor never meets silence: a provider failure becomes a
 * polite message and an offer to operators.
 */
public final class ReplyService {

    private static final Logger LOG = LogManager.getLogger(ReplyService.class);

    static final String FALLBACK = "Извините, ассистент сейчас недоступен. Я передал ваш вопрос оператору.";
    static final String FALLBACK_REASON = "Ассистент недоступен (ошибка модели)";

    /** What happened to a job, for logs and tests. */
    public enum Result { REPLIED, HANDED_OFF, FALLBACK, FORWARDED, SKIPPED }

    private final ChatRepository chats;
    private final ChatModel model;
    private final ChatInstructions assistant;
    private final OperatorDispatch operators;
    private final int historyLimit;
    private final Clock clock;

    public ReplyService(ChatRepository chats, ChatModel model, ChatInstructions assistant, OperatorDispatch operators,
                        int historyLimit, Clock clock) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be positive");
        }
        this.chats = chats;
        this.model = model;
        this.assistant = assistant;
        this.operators = operators;
        this.historyLimit = historyLimit;
        this.clock = clock;
    }

    public Result process(ReplyJob job) {
        Optional<Chat> found = chats.find(job.token());
        Optional<ChatMessage> message = found.flatMap(c -> chats.message(job.token(), job.messageId()));
        if (message.isEmpty() || message.get().author() != Author.VISITOR) {
            // Expired by TTL, or not a visitor's message: nothing to answer, and retrying will not change that.
            LOG.warn("Reply job for an unknown message {}, dropped", job.messageId());
            return Result.SKIPPED;
        }
        if (message.get().repliedAt() != null) {
            LOG.info("Message {} answered already", job.messageId());
            return Result.SKIPPED;
        }
        Chat chat = found.get();
        if (chat.mode() != ChatMode.AI) {
            // Passed on before it is marked: a crash in between repeats the forward rather than losing it.
            operators.forward(chat, message.get());
            chats.markForwarded(chat.token(), job.messageId(), clock.instant());
            return Result.FORWARDED;
        }
        List<ChatMessage> history = chats.history(chat.token(), job.messageId(), chat.historyFrom(), historyLimit);
        ModelAnswer answer;
        try {
            answer = model.answer(assistant, history);
        } catch (ModelUnavailableException e) {
            LOG.error("Model unavailable for message {}; fallback and hand-off", job.messageId(), e);
            return store(chat, job, List.of(notice(FALLBACK)), Optional.of(FALLBACK_REASON), Result.FALLBACK);
        }
        List<ChatMessage> replies = new ArrayList<>();
        answer.text().ifPresent(text -> replies.add(ChatMessage.create(Author.GPT, text, clock.instant())));
        if (answer.handoffReason().isPresent()) {
            replies.add(notice(OperatorTexts.VISITOR_HANDOFF));
            return store(chat, job, replies, answer.handoffReason(), Result.HANDED_OFF);
        }
        return store(chat, job, replies, Optional.empty(), Result.REPLIED);
    }

    private Result store(Chat chat, ReplyJob job, List<ChatMessage> replies, Optional<String> handoff, Result result) {
        Instant now = clock.instant();
        ReplyOutcome outcome = chats.completeReply(chat.token(), job.messageId(), replies, handoff, now);
        if (outcome == ReplyOutcome.NOT_IN_AI_MODE) {
            // Handed off meanwhile (the visitor pressed the button): keep the words, operators are called already.
            List<ChatMessage> withoutNotice = replies.stream().filter(m -> m.author() != Author.SYSTEM).toList();
            outcome = chats.completeReply(chat.token(), job.messageId(), withoutNotice, Optional.empty(), now);
            handoff = Optional.empty();
        }
        if (outcome == ReplyOutcome.DUPLICATE) {
            LOG.info("Message {} was answered concurrently; this reply is dropped", job.messageId());
            return Result.SKIPPED;
        }
        if (handoff.isPresent()) {
            operators.announce(chat, handoff.get(), now);
        }
        return result;
    }

    private ChatMessage notice(String text) {
        return ChatMessage.create(Author.SYSTEM, text, clock.instant());
    }
}
