package kz.clinicai.chat.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.operator.Operator;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.operator.OperatorTexts;
import kz.clinicai.chat.operator.OperatorStatus;
import kz.clinicai.chat.support.InMemoryChatRepository;
import kz.clinicai.chat.support.InMemoryOperatorRepository;
import kz.clinicai.chat.support.MutableClock;
import kz.clinicai.chat.support.RecordingOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplyServiceTest {

    static final String TOKEN = "visitor-token-0000000001";
    static final long OPERATOR = 777;

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-09T06:00:00Z"));
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
    final RecordingOutbox outbox = new RecordingOutbox();
    final ScriptedModel model = new ScriptedModel();
    final ChatInstructions assistant = new ResourceChatInstructions("gpt-4.1-mini", ResourceChatInstructions.DEFAULT_RESOURCE);
    ReplyService service;

    /** Answers from a script and remembers what it was shown. */
    static final class ScriptedModel implements ChatModel {
        final List<List<ChatMessage>> seen = new ArrayList<>();
        final List<Object> script = new ArrayList<>();

        @Override
        public ModelAnswer answer(ChatInstructions assistant, List<ChatMessage> history) {
            seen.add(history);
            Object next = script.remove(0);
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (ModelAnswer) next;
        }
    }

    @BeforeEach
    void setUp() {
        operators.register(new Operator(OPERATOR, "Айгерим", OperatorStatus.APPROVED, true));
        service = new ReplyService(chats, model, assistant, new OperatorDispatch(chats, operators, outbox), 3, clock);
        chats.open(TOKEN, clock.instant());
    }

    ReplyJob visitorSays(String text) {
        ChatMessage message = ChatMessage.create(Author.VISITOR, text, clock.instant());
        chats.addVisitorMessage(TOKEN, message);
        return new ReplyJob(TOKEN, message.id());
    }

    static ModelAnswer says(String text) {
        return new ModelAnswer(Optional.of(text), Optional.empty());
    }

    @Test
    void replyIsStoredUndeliveredAndTheModelSeesTheRecentHistory() {
        for (int i = 1; i <= 3; i++) {
            model.script.add(says("ответ " + i));
            service.process(visitorSays("вопрос " + i));
        }
        model.script.add(says("ответ 4"));
        ReplyService.Result result = service.process(visitorSays("вопрос 4"));

        assertThat(result).isEqualTo(ReplyService.Result.REPLIED);
        // The history limit (3) keeps the newest messages, ending with the visitor's current one.
        assertThat(model.seen.get(3)).extracting(ChatMessage::text).containsExactly("вопрос 3", "ответ 3", "вопрос 4");
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text)
                .containsExactly("ответ 1", "ответ 2", "ответ 3", "ответ 4");
        assertThat(chats.undelivered(TOKEN)).allSatisfy(m -> assertThat(m.author()).isEqualTo(Author.GPT));
    }

    @Test
    void sameJobTwiceCallsTheModelOnce() {
        ReplyJob job = visitorSays("Привет");
        model.script.add(says("Здравствуйте"));

        ReplyService.Result first = service.process(job);
        ReplyService.Result second = service.process(job);

        assertThat(first).isEqualTo(ReplyService.Result.REPLIED);
        assertThat(second).isEqualTo(ReplyService.Result.SKIPPED);
        assertThat(model.seen).hasSize(1);
        assertThat(chats.undelivered(TOKEN)).hasSize(1);
    }

    @Test
    void handoffToolStopsTheAiNotifiesTheVisitorAndOffersTheTranscript() {
        model.script.add(new ModelAnswer(Optional.empty(), Optional.of("Просит человека")));

        ReplyService.Result result = service.process(visitorSays("Позовите человека"));

        assertThat(result).isEqualTo(ReplyService.Result.HANDED_OFF);
        assertThat(chats.find(TOKEN)).get().extracting(c -> c.mode()).isEqualTo(ChatMode.WAITING_OPERATOR);
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::author).containsExactly(Author.SYSTEM);
        // Operators' boards list it (rendered by the send worker, WaitingBoardTest), with the reason.
        assertThat(outbox.boardsFor(OPERATOR)).isEqualTo(1);
        assertThat(chats.handoffReason(TOKEN)).contains("Просит человека");

        // The AI is silent now: the next message goes to operators, not to the model.
        ReplyService.Result next = service.process(visitorSays("Алло?"));
        assertThat(next).isEqualTo(ReplyService.Result.FORWARDED);
        assertThat(model.seen).hasSize(1);
    }

    @Test
    void providerFailureGivesAPoliteFallbackAndOffersTheChat() {
        model.script.add(new ModelUnavailableException("503 after retries", null));

        ReplyService.Result result = service.process(visitorSays("Вы работаете?"));

        assertThat(result).isEqualTo(ReplyService.Result.FALLBACK);
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text).containsExactly(ReplyService.FALLBACK);
        assertThat(chats.find(TOKEN)).get().extracting(c -> c.mode()).isEqualTo(ChatMode.WAITING_OPERATOR);
        assertThat(outbox.boardsFor(OPERATOR)).isEqualTo(1);
        assertThat(chats.handoffReason(TOKEN)).contains(ReplyService.FALLBACK_REASON);
    }

    @Test
    void providerFailureWithNobodyAvailableStillAnswersTheVisitor() {
        operators.setAvailable(OPERATOR, false);
        model.script.add(new ModelUnavailableException("timeout", null));

        service.process(visitorSays("Есть кто?"));

        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text).hasSize(2).first().isEqualTo(ReplyService.FALLBACK);
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void inOperatorModeTheVisitorMessageGoesToTheOperatorRoutedToTheChat() {
        chats.requestOperator(TOKEN, "test", ChatMessage.create(Author.SYSTEM, "notice", clock.instant()), clock.instant());
        chats.claim(TOKEN, OPERATOR, clock.instant());

        ReplyService.Result result = service.process(visitorSays("Когда доставка?"));

        assertThat(result).isEqualTo(ReplyService.Result.FORWARDED);
        assertThat(model.seen).isEmpty();
        assertThat(outbox.sent).singleElement().satisfies(s -> {
            assertThat(s.message().routeRef()).isEqualTo(chats.find(TOKEN).orElseThrow().ref());
            assertThat(s.message().calls().get(0).params()).containsEntry("chat_id", OPERATOR);
            assertThat((String) s.message().calls().get(0).params().get("text")).contains("Когда доставка?");
        });
        // Forwarded once: a redelivered job is skipped.
        assertThat(service.process(new ReplyJob(TOKEN, chats.transcript(TOKEN).get(chats.transcript(TOKEN).size() - 1).id())))
                .isEqualTo(ReplyService.Result.SKIPPED);
        assertThat(outbox.sent).hasSize(1);
    }

    @Test
    void unknownMessageIsSkippedWithoutCallingTheModel() {
        assertThat(service.process(new ReplyJob(TOKEN, "0000000000000001-nothing"))).isEqualTo(ReplyService.Result.SKIPPED);
        assertThat(service.process(new ReplyJob("no-such-chat-token-123", "x"))).isEqualTo(ReplyService.Result.SKIPPED);
        assertThat(model.seen).isEmpty();
    }

    ReplyService reliable(Duration window, Duration handoffTimeout) {
        return new ReplyService(chats, model, assistant, new OperatorDispatch(chats, operators, outbox), 3, clock,
                new ReplyService.Reliability(window, handoffTimeout));
    }

    @Test
    void aModelOutageKeepsTheMessageQueuedWithBackoffAndOneProgressNoticeThenAnswersAfterRecovery() {
        ReplyService service = reliable(Duration.ofMinutes(10), null);
        model.script.add(new ModelUnavailableException("503", null));
        model.script.add(new ModelUnavailableException("503", null));
        model.script.add(says("Работаем!"));
        ReplyJob job = visitorSays("Вы работаете?");

        ReplyService.Outcome first = service.process(job, 1, false);
        clock.advance(first.retryAfter());
        ReplyService.Outcome second = service.process(job, 2, false);
        clock.advance(second.retryAfter());
        ReplyService.Outcome third = service.process(job, 3, false);

        assertThat(first.result()).isEqualTo(ReplyService.Result.RETRY_MODEL);
        assertThat(second.result()).isEqualTo(ReplyService.Result.RETRY_MODEL);
        // Backoff grows (5 s then 10 s, each +-20% jitter) and the visitor is told once, not at every attempt.
        assertThat(first.retryAfter()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(second.retryAfter()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        assertThat(third.result()).isEqualTo(ReplyService.Result.REPLIED);
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text).containsExactly(ReplyService.DELAYED, "Работаем!");
        assertThat(chats.find(TOKEN).orElseThrow().mode()).isEqualTo(ChatMode.AI);
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void afterTheRetryWindowTheVisitorGetsTheFallbackAndOperatorsAreCalled() {
        ReplyService service = reliable(Duration.ofMinutes(1), null);
        model.script.add(new ModelUnavailableException("503", null));
        ReplyJob job = visitorSays("Вы работаете?");
        clock.advance(Duration.ofSeconds(61));

        ReplyService.Outcome outcome = service.process(job, 7, false);

        assertThat(outcome.result()).isEqualTo(ReplyService.Result.FALLBACK);
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text).containsExactly(ReplyService.FALLBACK);
    }

    @Test
    void aFailureWaitingCannotFixGetsTheFallbackAtOnceInsteadOfTheRetryWindow() {
        ReplyService service = reliable(Duration.ofMinutes(10), null);
        model.script.add(new ModelUnavailableException("429 insufficient_quota", null, false));

        ReplyService.Outcome outcome = service.process(visitorSays("Вы работаете?"), 1, false);

        assertThat(outcome.result()).isEqualTo(ReplyService.Result.FALLBACK);
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text).containsExactly(ReplyService.FALLBACK);
    }

    @Test
    void whenAnotherJobFoundTheModelDownItIsNotCalledAgain() {
        ReplyService service = reliable(Duration.ofMinutes(10), null);

        ReplyService.Outcome outcome = service.process(visitorSays("Алло"), 1, true);

        assertThat(outcome.result()).isEqualTo(ReplyService.Result.RETRY_MODEL);
        assertThat(model.seen).isEmpty();
    }

    @Test
    void aHandoffNobodyTakesReturnsToTheAssistantWhichAnswersWhatTheVisitorWroteMeanwhile() {
        ReplyService service = reliable(Duration.ZERO, Duration.ofMinutes(5));
        model.script.add(new ModelAnswer(Optional.empty(), Optional.of("Просит человека")));
        service.process(visitorSays("Позовите человека"), 1, false);
        ReplyJob meanwhile = visitorSays("Есть кто-нибудь?");

        ReplyService.Outcome waiting = service.process(meanwhile, 1, false);
        model.script.add(says("Я помогу: что случилось?"));
        int receives = 1;
        ReplyService.Outcome later = waiting;
        while (later.result() == ReplyService.Result.WAITING) {
            clock.advance(later.retryAfter());
            later = service.process(meanwhile, ++receives, false);
        }

        // While operators may still take it, the message waits in the queue, looked at every eighth of the
        // timeout (37.5 s), unanswered; after the timeout the model answers it.
        assertThat(waiting.result()).isEqualTo(ReplyService.Result.WAITING);
        assertThat(waiting.retryAfter()).isEqualTo(Duration.ofMillis(37_500));
        assertThat(receives).isBetween(8, 10);
        assertThat(later.result()).isEqualTo(ReplyService.Result.REPLIED);
        assertThat(chats.find(TOKEN).orElseThrow().mode()).isEqualTo(ChatMode.AI);
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text)
                .containsSubsequence(OperatorTexts.VISITOR_HANDOFF, ReplyService.NOBODY_TOOK, "Я помогу: что случилось?");
        // The boards drop the chat: one refresh for the hand-off, one for the return.
        assertThat(outbox.boardsFor(OPERATOR)).isEqualTo(2);
    }
}
