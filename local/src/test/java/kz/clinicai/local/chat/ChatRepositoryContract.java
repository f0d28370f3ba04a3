package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRefs;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.ReplyOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the chat's services rely on from every {@link ChatRepository}: each racing state change (delivery to
 * concurrent polls, replies to redelivered queue messages, operators claiming the same chat, a hand-off timing out)
 * is one conditional write with exactly one winner; a refused write changes nothing; messages come back oldest first.
 * Run against the in-memory twin and against DynamoDB Local with the template's ChatTable, so the fake cannot drift
 * from the real one. Each test has chat tokens (and operator ids) of its own: the table is the stack's.
 */
abstract class ChatRepositoryContract {

    static final int CONTENDERS = 8;

    abstract ChatRepository repository();

    ChatRepository repo;
    // Microseconds: what the store keeps of an instant.
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private int written;

    /** Messages are written a little apart, in the order the test makes them. */
    private Instant next() {
        return now.plusMillis(10L * ++written);
    }

    @BeforeEach
    void newRepository() {
        repo = repository();
    }

    private final List<String> tokens = new ArrayList<>();

    String token() {
        String token = "contract-" + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        return token;
    }

    /** The DynamoDB table is the stack's own: no chat of these tests may stay on operators' boards or with them. */
    @AfterEach
    void leaveNoChatWaitingOrHeld() {
        for (String token : tokens) {
            repo.find(token).ifPresent(chat -> {
                if (chat.mode() == ChatMode.WAITING_OPERATOR) {
                    repo.returnUnclaimed(token, chat.changedAt(), notice("конец теста"), now);
                } else if (chat.mode() == ChatMode.OPERATOR) {
                    repo.release(token, chat.operatorId(), notice("конец теста"), true, now);
                }
            });
        }
        assertThat(repo.waiting()).extracting(Chat::token).doesNotContainAnyElementsOf(tokens);
    }

    static long operatorId() {
        return 9_000_000_000L + (long) (Math.random() * 1_000_000_000L);
    }

    ChatMessage visitorSays(String token, String text) {
        ChatMessage message = ChatMessage.create(Author.VISITOR, text, next());
        assertThat(repo.addVisitorMessage(token, message)).isTrue();
        return message;
    }

    ChatMessage notice(String text) {
        return ChatMessage.create(Author.SYSTEM, text, next());
    }

    ChatMessage reply(String text) {
        return ChatMessage.create(Author.GPT, text, next());
    }

    static <T> List<T> race(int n, Callable<T> action) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return action.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChatIsCreatedInAiModeByItsFirstOpenAndFoundByTokenAndRef() throws Exception {
        String token = token();
        assertThat(repo.find(token)).isEmpty();

        Chat chat = repo.open(token, now);
        Chat again = repo.open(token, now.plusSeconds(5));

        assertThat(chat.mode()).isEqualTo(ChatMode.AI);
        assertThat(chat.ref()).isEqualTo(ChatRefs.of(token));
        assertThat(chat.createdAt()).isEqualTo(now);
        assertThat(again).as("a second open changes nothing").isEqualTo(chat);
        assertThat(repo.find(token)).contains(chat);
        assertThat(repo.findByRef(chat.ref())).contains(chat);
        assertThat(repo.findByRef("nosuchref0")).isEmpty();
    }

    @Test
    void aVisitorsFirstTwoMessagesRacingOpenOneChat() throws Exception {
        String token = token();

        List<Chat> opened = race(2, () -> repo.open(token, now));

        assertThat(opened).allSatisfy(c -> assertThat(c).isEqualTo(repo.find(token).orElseThrow()));
    }

    @Test
    void aVisitorMessageIsStoredOnceUnderItsId() {
        String token = token();
        repo.open(token, now);
        ChatMessage message = visitorSays(token, "Здравствуйте");

        assertThat(repo.addVisitorMessage(token, new ChatMessage(message.id(), Author.VISITOR, "другой текст",
                message.createdAt(), null, null))).as("same id again").isFalse();
        assertThat(repo.message(token, message.id())).contains(message);
        assertThat(repo.undelivered(token)).as("the visitor's own words are not delivered back").isEmpty();
        assertThat(repo.message(token, "0000000000000000-nosuch")).isEmpty();
    }

    @Test
    void messagesForTheVisitorAreUndeliveredOldestFirstUntilMarked() {
        String token = token();
        repo.open(token, now);
        ChatMessage first = reply("первый");
        ChatMessage second = notice("второй");
        ChatMessage third = reply("третий");
        repo.addForVisitor(token, List.of(first, second));
        repo.addForVisitor(token, List.of(third));
        repo.addForVisitor(token, List.of());

        assertThat(repo.undelivered(token)).extracting(ChatMessage::id)
                .containsExactly(first.id(), second.id(), third.id());
        Instant at = now.plusSeconds(1);
        assertThat(repo.markDelivered(token, second.id(), at)).isTrue();
        assertThat(repo.markDelivered(token, second.id(), at)).as("delivered once").isFalse();

        assertThat(repo.undelivered(token)).extracting(ChatMessage::id).containsExactly(first.id(), third.id());
        assertThat(repo.message(token, second.id()).orElseThrow().deliveredAt()).isEqualTo(at);
        assertThat(repo.message(token, first.id()).orElseThrow().deliveredAt()).isNull();
        assertThat(repo.markDelivered(token, "0000000000000000-nosuch", at)).isFalse();
    }

    @Test
    void concurrentPollsDeliverEachMessageExactlyOnce() throws Exception {
        String token = token();
        repo.open(token, now);
        ChatMessage message = reply("ответ");
        repo.addForVisitor(token, List.of(message));

        List<Boolean> won = race(CONTENDERS, () -> repo.markDelivered(token, message.id(), now.plusSeconds(1)));

        assertThat(won).filteredOn(w -> w).hasSize(1);
        assertThat(repo.undelivered(token)).isEmpty();
    }

    @Test
    void historyIsTheLastMessagesUpToOneOldestFirstFromAnInstantOn() {
        String token = token();
        repo.open(token, now);
        ChatMessage a = visitorSays(token, "a");
        ChatMessage b = reply("b");
        repo.addForVisitor(token, List.of(b));
        ChatMessage c = visitorSays(token, "c");
        ChatMessage d = reply("d");
        repo.addForVisitor(token, List.of(d));
        ChatMessage e = visitorSays(token, "e");

        assertThat(repo.history(token, c.id(), null, 30)).containsExactly(a, b, c);
        assertThat(repo.history(token, c.id(), null, 2)).containsExactly(b, c);
        assertThat(repo.history(token, null, null, 2)).extracting(ChatMessage::id).containsExactly(d.id(), e.id());
        assertThat(repo.history(token, e.id(), c.createdAt(), 30)).extracting(ChatMessage::id)
                .containsExactly(c.id(), d.id(), e.id());
        assertThat(repo.transcript(token)).extracting(ChatMessage::text).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aReplyIsStoredOnceARedeliveredJobFindsItAnswered() {
        String token = token();
        repo.open(token, now);
        ChatMessage question = visitorSays(token, "Сколько стоит приём?");
        ChatMessage answer = reply("5000 тенге");

        assertThat(repo.completeReply(token, question.id(), List.of(answer), Optional.empty(), now))
                .isEqualTo(ReplyOutcome.STORED);
        assertThat(repo.completeReply(token, question.id(), List.of(reply("ещё раз")), Optional.empty(), now))
                .isEqualTo(ReplyOutcome.DUPLICATE);
        assertThat(repo.markForwarded(token, question.id(), now)).as("answered already").isFalse();

        assertThat(repo.message(token, question.id()).orElseThrow().repliedAt()).isEqualTo(now);
        assertThat(repo.undelivered(token)).extracting(ChatMessage::text).containsExactly("5000 тенге");
        assertThat(repo.find(token).orElseThrow().mode()).isEqualTo(ChatMode.AI);
    }

    @Test
    void concurrentRepliesToOneMessageStoreExactlyOne() throws Exception {
        String token = token();
        repo.open(token, now);
        ChatMessage question = visitorSays(token, "?");
        List<ChatMessage> answers = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            answers.add(reply("ответ " + i));
        }
        var next = new java.util.concurrent.atomic.AtomicInteger();

        List<ReplyOutcome> outcomes = race(CONTENDERS, () -> repo.completeReply(token, question.id(),
                List.of(answers.get(next.getAndIncrement())), Optional.empty(), now));

        assertThat(outcomes).filteredOn(o -> o == ReplyOutcome.STORED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o != ReplyOutcome.STORED).allMatch(o -> o == ReplyOutcome.DUPLICATE);
        assertThat(repo.undelivered(token)).hasSize(1);
    }

    @Test
    void aForwardedMessageIsNotAnsweredAgain() {
        String token = token();
        repo.open(token, now);
        ChatMessage question = visitorSays(token, "оператору");

        assertThat(repo.markForwarded(token, question.id(), now)).isTrue();
        assertThat(repo.markForwarded(token, question.id(), now)).isFalse();
        assertThat(repo.completeReply(token, question.id(), List.of(reply("поздно")), Optional.empty(), now))
                .isEqualTo(ReplyOutcome.DUPLICATE);
        assertThat(repo.undelivered(token)).isEmpty();
    }

    @Test
    void aReplyThatHandsOffMovesTheChatToWaitingWithItsReason() {
        String token = token();
        repo.open(token, now);
        ChatMessage question = visitorSays(token, "Позовите человека");

        assertThat(repo.completeReply(token, question.id(), List.of(reply("Зову"), notice("Оператор скоро")),
                Optional.of("просит человека"), now)).isEqualTo(ReplyOutcome.STORED);

        Chat chat = repo.find(token).orElseThrow();
        assertThat(chat.mode()).isEqualTo(ChatMode.WAITING_OPERATOR);
        assertThat(chat.changedAt()).isEqualTo(now);
        assertThat(repo.handoffReason(token)).contains("просит человека");
        assertThat(repo.waiting()).extracting(Chat::token).contains(token);
        assertThat(repo.undelivered(token)).extracting(ChatMessage::text).containsExactly("Зову", "Оператор скоро");
    }

    @Test
    void aHandOffAskedForWhenTheChatLeftAiModeWritesNothing() {
        String token = token();
        repo.open(token, now);
        ChatMessage question = visitorSays(token, "помогите");
        assertThat(repo.requestOperator(token, "кнопка", notice("Зовём оператора"), now)).isTrue();

        assertThat(repo.completeReply(token, question.id(), List.of(reply("Зову")), Optional.of("модель"), now))
                .isEqualTo(ReplyOutcome.NOT_IN_AI_MODE);

        assertThat(repo.message(token, question.id()).orElseThrow().repliedAt()).as("still unanswered").isNull();
        assertThat(repo.undelivered(token)).extracting(ChatMessage::text).containsExactly("Зовём оператора");
        assertThat(repo.handoffReason(token)).contains("кнопка");
        // Without the hand-off the same reply is stored (ReplyService keeps the words).
        assertThat(repo.completeReply(token, question.id(), List.of(reply("Зову")), Optional.empty(), now))
                .isEqualTo(ReplyOutcome.STORED);
    }

    @Test
    void anOperatorIsRequestedOnlyFromAiMode() {
        String token = token();
        repo.open(token, now);

        assertThat(repo.requestOperator(token, "кнопка", notice("Зовём"), now)).isTrue();
        assertThat(repo.requestOperator(token, "ещё раз", notice("Зовём снова"), now.plusSeconds(1))).isFalse();

        assertThat(repo.find(token).orElseThrow().changedAt()).as("the first hand-off's time").isEqualTo(now);
        assertThat(repo.handoffReason(token)).contains("кнопка");
        assertThat(repo.undelivered(token)).extracting(ChatMessage::text).containsExactly("Зовём");
        assertThat(repo.waiting()).extracting(Chat::token).contains(token);
    }

    @Test
    void concurrentClaimsOfAWaitingChatHaveExactlyOneWinner() throws Exception {
        String token = token();
        repo.open(token, now);
        repo.requestOperator(token, "кнопка", notice("Зовём"), now);
        List<Long> operators = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            operators.add(operatorId());
        }
        var next = new java.util.concurrent.atomic.AtomicInteger();

        List<Long> winners = race(CONTENDERS, () -> {
            long operator = operators.get(next.getAndIncrement());
            return repo.claim(token, operator, now.plusSeconds(1)) ? operator : null;
        }).stream().filter(java.util.Objects::nonNull).toList();

        assertThat(winners).hasSize(1);
        long winner = winners.get(0);
        Chat chat = repo.find(token).orElseThrow();
        assertThat(chat.mode()).isEqualTo(ChatMode.OPERATOR);
        assertThat(chat.heldBy(winner)).isTrue();
        assertThat(chat.changedAt()).isEqualTo(now.plusSeconds(1));
        assertThat(repo.heldBy(winner)).extracting(Chat::token).containsExactly(token);
        for (long other : operators) {
            if (other != winner) {
                assertThat(repo.heldBy(other)).isEmpty();
            }
        }
        assertThat(repo.waiting()).extracting(Chat::token).doesNotContain(token);
        assertThat(repo.claim(token, operators.get(0), now.plusSeconds(2))).as("not waiting any more").isFalse();
    }

    @Test
    void aChatInAiModeCannotBeClaimed() {
        String token = token();
        repo.open(token, now);

        assertThat(repo.claim(token, operatorId(), now)).isFalse();
        assertThat(repo.find(token).orElseThrow().mode()).isEqualTo(ChatMode.AI);
    }

    @Test
    void onlyTheHolderReleasesAndTheModelStartsAfreshUnlessHistoryIsKept() {
        String alice = token();
        String bob = token();
        long operator = operatorId();
        for (String token : List.of(alice, bob)) {
            repo.open(token, now);
            repo.requestOperator(token, "кнопка", notice("Зовём"), now);
            assertThat(repo.claim(token, operator, now)).isTrue();
        }
        assertThat(repo.heldBy(operator)).extracting(Chat::token).containsExactlyInAnyOrder(alice, bob);
        Instant later = now.plusSeconds(60);

        assertThat(repo.release(alice, operatorId(), notice("чужой"), false, later)).as("not the holder").isFalse();
        assertThat(repo.release(alice, operator, notice("Оператор завершил чат"), false, later)).isTrue();
        assertThat(repo.release(alice, operator, notice("ещё раз"), false, later)).as("released already").isFalse();
        assertThat(repo.release(bob, operator, notice("Снова ассистент"), true, later)).isTrue();

        Chat finished = repo.find(alice).orElseThrow();
        assertThat(finished.mode()).isEqualTo(ChatMode.AI);
        assertThat(finished.changedAt()).isEqualTo(later);
        assertThat(finished.historyFrom()).as("the model starts afresh").isEqualTo(later);
        assertThat(repo.find(bob).orElseThrow().historyFrom()).as("the model keeps the history").isNull();
        assertThat(repo.heldBy(operator)).isEmpty();
        assertThat(repo.undelivered(alice)).extracting(ChatMessage::text).containsExactly("Зовём", "Оператор завершил чат");
    }

    @Test
    void anUntakenHandOffReturnsOnlyOnceItsCutoffHasPassed() {
        String token = token();
        repo.open(token, now);
        repo.requestOperator(token, "кнопка", notice("Зовём"), now);

        assertThat(repo.returnUnclaimed(token, now.minusSeconds(1), notice("рано"), now.plusSeconds(299)))
                .as("handed off after the cutoff").isFalse();
        assertThat(repo.returnUnclaimed(token, now, notice("Никто не взял"), now.plusSeconds(300))).isTrue();
        assertThat(repo.returnUnclaimed(token, now, notice("ещё раз"), now.plusSeconds(301))).isFalse();

        Chat chat = repo.find(token).orElseThrow();
        assertThat(chat.mode()).isEqualTo(ChatMode.AI);
        assertThat(chat.historyFrom()).as("the model keeps the history").isNull();
        assertThat(repo.waiting()).extracting(Chat::token).doesNotContain(token);
        assertThat(repo.undelivered(token)).extracting(ChatMessage::text).containsExactly("Зовём", "Никто не взял");
        // Back in AI mode it can be handed off again.
        assertThat(repo.requestOperator(token, "снова", notice("Зовём снова"), now.plusSeconds(400))).isTrue();
    }

    @Test
    void aTakenHandOffDoesNotReturnAndAClaimAfterTheReturnLoses() throws Exception {
        String taken = token();
        String untaken = token();
        long operator = operatorId();
        for (String token : List.of(taken, untaken)) {
            repo.open(token, now);
            repo.requestOperator(token, "кнопка", notice("Зовём"), now);
        }
        Instant late = now.plus(Duration.ofMinutes(10));
        assertThat(repo.claim(taken, operator, late)).isTrue();

        // The timeout (poll, reply worker, board) and the claim race: one of them wins, never both.
        List<Boolean> outcomes = race(2, () -> repo.returnUnclaimed(untaken, now, notice("Никто не взял"), late));
        boolean claimed = repo.claim(untaken, operator, late);

        assertThat(repo.returnUnclaimed(taken, now, notice("Никто не взял"), late)).isFalse();
        assertThat(repo.find(taken).orElseThrow().heldBy(operator)).isTrue();
        assertThat(outcomes).filteredOn(o -> o).hasSize(1);
        assertThat(claimed).isFalse();
        assertThat(repo.find(untaken).orElseThrow().mode()).isEqualTo(ChatMode.AI);
    }
}
