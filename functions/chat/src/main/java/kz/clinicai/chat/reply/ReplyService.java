package kz.clinicai.chat.reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.ChatTexts;
import kz.clinicai.chat.conversation.ReplyOutcome;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.operator.OperatorTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one visitor message: with the model while the chat is in AI mode, else by passing it on to the
 * operator. Idempotent per visitor message: answering is one conditional write, and an answered message is
 * skipped before the model is called again. The visitor never meets silence: a provider failure first keeps the
 * message queued and retried with backoff for {@code retryWindow} (the visitor is told the answer is delayed), and
 * only then becomes a polite message and an offer to operators; a hand-off nobody takes within
 * {@code handoffTimeout} returns the chat to the model, which then answers what the visitor wrote meanwhile.
 */
public final class ReplyService {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyService.class);

    static final String FALLBACK = ChatTexts.get("visitor.fallback");
    static final String FALLBACK_REASON = ChatTexts.get("reason.modelDown");
    static final String DELAYED = ChatTexts.get("visitor.delayed");
    public static final String NOBODY_TOOK = OperatorTexts.VISITOR_NOBODY_TOOK;
    /**
     * Retries by receive count stay below the reply queue's maxReceiveCount (template: 20) whatever the window:
     * the last receives are left for the fallback itself.
     */
    static final int MAX_RETRY_RECEIVES = 15;

    /** What happened to a job, for logs and tests. */
    public enum Result {
        REPLIED, HANDED_OFF, FALLBACK, FORWARDED, SKIPPED,
        /** The model failed; the job stays queued and comes back after {@link Outcome#retryAfter()}. */
        RETRY_MODEL,
        /** The chat waits for an operator; the job comes back when the hand-off times out. */
        WAITING
    }

    /** A job's result and, for the two retrying results, when to look at it again. */
    record Outcome(Result result, Duration retryAfter) {
        static Outcome of(Result result) {
            return new Outcome(result, Duration.ZERO);
        }

        public boolean retry() {
            return result == Result.RETRY_MODEL || result == Result.WAITING;
        }
    }

    /**
     * @param retryWindow    how long after the visitor wrote a failing model is retried before the fallback
     *                       (zero: fall back at the first failure)
     * @param handoffTimeout a hand-off untaken this long returns to the model (null: waits for an operator forever)
     */
    public record Reliability(Duration retryWindow, Duration handoffTimeout) {
        public static final Reliability NONE = new Reliability(Duration.ZERO, null);

        /**
         * How long a job of a waiting chat stays invisible before it is looked at again: an eighth of the timeout
         * (at least 30 s), so waiting costs about 8 receives whatever the timeout.
         */
        Duration waitStep() {
            Duration eighth = handoffTimeout.dividedBy(8);
            return eighth.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : eighth;
        }

        /** Backoff for the n-th receive: from ~1/120 of the window (1–5 s), doubling, capped at 1/10 (≤ 60 s). */
        Duration backoff(int receiveCount) {
            long windowMs = retryWindow.toMillis();
            long base = Math.clamp(windowMs / 120, 1_000, 5_000);
            long cap = Math.clamp(windowMs / 10, base, 60_000);
            long delay = Math.min(cap, base << Math.min(20, Math.max(0, receiveCount - 1)));
            // Jitter: chats that failed together must not all come back in the same second.
            return Duration.ofMillis((long) (delay * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
        }
    }

    private final ChatRepository chats;
    private final ChatModel model;
    private final ChatInstructions assistant;
    private final OperatorDispatch operators;
    private final int historyLimit;
    private final Clock clock;
    private final Reliability reliability;

    /** Falls back at the first model failure and lets hand-offs wait forever (tests of the basic flow). */
    public ReplyService(ChatRepository chats, ChatModel model, ChatInstructions assistant, OperatorDispatch operators,
                        int historyLimit, Clock clock) {
        this(chats, model, assistant, operators, historyLimit, clock, Reliability.NONE);
    }

    public ReplyService(ChatRepository chats, ChatModel model, ChatInstructions assistant, OperatorDispatch operators,
                        int historyLimit, Clock clock, Reliability reliability) {
        this.reliability = reliability;
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
        return process(job, 1, false).result();
    }

    /**
     * @param receiveCount how often the queue has delivered this job (1 the first time)
     * @param modelDown    another job of this batch just found the model failing: do not call it again now
     */
    Outcome process(ReplyJob job, int receiveCount, boolean modelDown) {
        Optional<Chat> found = chats.find(job.token());
        Optional<ChatMessage> message = found.flatMap(c -> chats.message(job.token(), job.messageId()));
        if (message.isEmpty() || message.get().author() != Author.VISITOR) {
            // Expired by TTL, or not a visitor's message: nothing to answer, and retrying will not change that.
            LOG.warn("Reply job for an unknown message {}, dropped", job.messageId());
            return Outcome.of(Result.SKIPPED);
        }
        if (message.get().repliedAt() != null) {
            LOG.info("Message {} answered already", job.messageId());
            return Outcome.of(Result.SKIPPED);
        }
        Chat chat = found.get();
        if (chat.mode() == ChatMode.WAITING_OPERATOR && reliability.handoffTimeout() != null
                && receiveCount < MAX_RETRY_RECEIVES) {
            Instant now = clock.instant();
            Instant deadline = chat.changedAt().plus(reliability.handoffTimeout());
            if (now.isBefore(deadline)) {
                // Stays queued: an operator who takes the chat sees it at once (the take lists what the visitor
                // wrote meanwhile), else the model answers it after the timeout. Looked at again in steps, so a
                // taken chat's next messages are not held behind it for the whole timeout.
                Duration step = reliability.waitStep();
                Duration untilDeadline = Duration.between(now, deadline).plusSeconds(1);
                return new Outcome(Result.WAITING, untilDeadline.compareTo(step) < 0 ? untilDeadline : step);
            }
            if (chats.returnUnclaimed(chat.token(), now.minus(reliability.handoffTimeout()), notice(NOBODY_TOOK), now)) {
                LOG.info("Hand-off of chat {} untaken for {}; back to the assistant", chat.ref(), reliability.handoffTimeout());
                operators.refreshBoards();
            }
            chat = chats.find(job.token()).orElse(chat);
        }
        if (chat.mode() != ChatMode.AI) {
            // Passed on before it is marked: a crash in between repeats the forward rather than losing it.
            operators.forward(chat, message.get());
            chats.markForwarded(chat.token(), job.messageId(), clock.instant());
            return Outcome.of(Result.FORWARDED);
        }
        List<ChatMessage> history = chats.history(chat.token(), job.messageId(), chat.historyFrom(), historyLimit);
        ModelAnswer answer;
        try {
            if (modelDown) {
                throw new ModelUnavailableException("Model failed for another job of this batch", null);
            }
            answer = model.answer(assistant, history);
        } catch (ModelUnavailableException e) {
            Instant now = clock.instant();
            if (e.retryable() && now.isBefore(message.get().createdAt().plus(reliability.retryWindow()))
                    && receiveCount < MAX_RETRY_RECEIVES) {
                if (receiveCount <= 1) {
                    // The visitor sees progress, not silence, while the job waits in the queue.
                    chats.addForVisitor(chat.token(), List.of(notice(DELAYED)));
                }
                Duration wait = reliability.backoff(receiveCount);
                LOG.warn("Model unavailable for message {} (receive {}); retry in {} ms: {}", job.messageId(),
                        receiveCount, wait.toMillis(), e.getMessage());
                return new Outcome(Result.RETRY_MODEL, wait);
            }
            LOG.error("Model unavailable for message {}; fallback and hand-off", job.messageId(), e);
            return Outcome.of(store(chat, job, List.of(notice(FALLBACK)), Optional.of(FALLBACK_REASON), Result.FALLBACK));
        }
        List<ChatMessage> replies = new ArrayList<>();
        answer.text().ifPresent(text -> replies.add(ChatMessage.create(Author.GPT, text, clock.instant())));
        if (answer.handoffReason().isPresent()) {
            replies.add(notice(OperatorTexts.VISITOR_HANDOFF));
            return Outcome.of(store(chat, job, replies, answer.handoffReason(), Result.HANDED_OFF));
        }
        return Outcome.of(store(chat, job, replies, Optional.empty(), Result.REPLIED));
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
