package kz.clinicai.local.chat;

import static kz.clinicai.local.chat.ChatStackFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.DynamoDbChatRepository;
import kz.clinicai.chat.operator.OperatorTexts;
import kz.clinicai.chat.store.DynamoDbChatTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import kz.clinicai.local.chat.TelegramPeople.BotMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web chat under faults, on the real template: a model outage (the sandbox answers 503) that ends within the
 * retry window, and 60 chats handed off at once to one operator under Telegram's flood control. Windows are the
 * fixture's shortened ones (ChatStackFixture): the same code paths as the deployed minutes, in seconds.
 */
class ChatReliabilityIT {

    static final String DELAYED = "Ассистент отвечает дольше обычного";

    @BeforeAll
    static void boot() {
        ChatStackFixture.stack();
    }

    @AfterEach
    void clearFaults() {
        ChatStackFixture.send(HttpRequest.newBuilder(URI.create(faults())).DELETE().build());
    }

    static String faults() {
        return ChatStackFixture.stack().sandbox().baseUrl() + "/_control/faults";
    }

    @Test
    void aModelOutageWithinTheRetryWindowEndsWithEveryMessageAnsweredAndNoChatHandedOff() throws Exception {
        int visitors = 10;
        // The provider answers 503 to everything (openai-java's own retries included) until the outage ends.
        var injected = ChatStackFixture.post(faults() + "/openai", Map.of("Content-Type", "application/json"),
                "{\"faults\":[{\"status\":503,\"count\":1000000}]}");
        assertThat(injected.statusCode()).isEqualTo(200);
        List<Visitor> people = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            Visitor visitor = Visitor.fresh("outage" + i);
            assertThat(visitor.say("Вопрос во время сбоя " + i + " " + visitor.token).statusCode()).isEqualTo(201);
            people.add(visitor);
        }
        long outageStarted = System.nanoTime();
        // Progress, not silence: every visitor is told the answer is delayed while the job waits in the queue.
        for (Visitor visitor : people) {
            awaitText(visitor, "the delay notice", Duration.ofSeconds(30), m -> m.text().startsWith(DELAYED));
        }
        // The outage lasts half the retry window (the deployed 10-minute window would ride out 5 minutes the same
        // way): jobs come back several times with growing backoff meanwhile, and nobody gets the fallback.
        Duration outage = Duration.ofSeconds(ChatStackFixture.MODEL_RETRY_SECONDS / 2);
        Await.until("the outage to last " + outage, outage.plusSeconds(30), () -> {
            people.forEach(Visitor::poll);
            assertThat(people).allSatisfy(v -> assertThat(v.received).extracting(Visitor.Message::user)
                    .doesNotContain("GPT"));
            return System.nanoTime() - outageStarted >= outage.toNanos() ? Optional.of(true) : Optional.empty();
        });

        long recoveredAt = System.nanoTime();
        ChatStackFixture.send(HttpRequest.newBuilder(URI.create(faults())).DELETE().build());
        for (Visitor visitor : people) {
            awaitText(visitor, "the model's answer after the outage", Duration.ofSeconds(30),
                    m -> m.user().equals("GPT"));
        }
        long recoveryMs = (System.nanoTime() - recoveredAt) / 1_000_000;
        System.out.println("FIGURE outage recovery: " + outage.toSeconds() + " s outage; the last of " + visitors
                + " visitors answered " + recoveryMs + " ms after the model came back (retry window "
                + ChatStackFixture.MODEL_RETRY_SECONDS + " s, backoff capped at window/10)");

        for (Visitor visitor : people) {
            // Answered by the model, never the fallback nor a hand-off: the outage was shorter than the window.
            assertThat(visitor.received).extracting(Visitor.Message::text)
                    .noneMatch(t -> t.startsWith("Извините, ассистент сейчас недоступен"))
                    .doesNotContain(OperatorTexts.VISITOR_HANDOFF);
            assertThat(mode(visitor)).isEqualTo(ChatMode.AI);
        }
        // The worker re-times jobs by backoff (≤ 2 s at this window), so recovery takes seconds, not the window.
        assertThat(recoveryMs).isLessThan(ChatStackFixture.MODEL_RETRY_SECONDS * 1000L);
    }

    @Test
    void sixtyChatsWaitingForOneOperatorUnderFloodControlAreOneBoardNothingInTheDlqAndAllReturnToTheAi()
            throws Exception {
        long operator = TelegramPeople.approvedOperator("Flood board");
        int chats = 60;
        List<Visitor> people = new ArrayList<>();
        for (int i = 0; i < chats; i++) {
            people.add(Visitor.fresh("board" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (Visitor visitor : people) {
                calls.add(CompletableFuture.supplyAsync(() -> visitor.callOperator().statusCode(), pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdown();
        }

        BotMessage board = Await.until("a board listing at least " + chats + " chats", Duration.ofSeconds(40), () ->
                TelegramPeople.botMessages(operator).stream()
                        .filter(m -> m.text().startsWith("Ждут оператора: "))
                        .filter(m -> waitingCount(m.text()) >= chats)
                        .findFirst());
        List<BotMessage> boards = TelegramPeople.botMessages(operator).stream()
                .filter(m -> m.text().startsWith("Ждут оператора") || m.text().equals("Все ожидавшие чаты разобраны."))
                .toList();
        System.out.println("FIGURE notifications: " + boards.size() + " Telegram message(s) to the operator for "
                + chats + " waiting chats (board " + board.messageId() + ", edited as the list grew)");
        assertThat(boards).hasSize(1);
        assertThat(board.callbackData()).hasSize(20).allMatch(d -> d.startsWith("take:"));

        // Nobody takes them: after the hand-off timeout each returns to the assistant with a notice, and the board
        // closes (no chat stays waiting).
        for (Visitor visitor : people) {
            awaitText(visitor, "the return to the assistant", Duration.ofSeconds(ChatStackFixture.HANDOFF_TIMEOUT_SECONDS + 40),
                    m -> m.text().equals(OperatorTexts.VISITOR_NOBODY_TOOK));
        }
        for (Visitor visitor : people) {
            assertThat(mode(visitor)).isEqualTo(ChatMode.AI);
        }
        var sqs = ChatStackFixture.stack().aws().sqs();
        var dead = sqs.receiveMessage(b -> b.queueUrl(ChatStackFixture.queueUrl("TelegramOutboxDeadLetterQueue"))
                .waitTimeSeconds(1).maxNumberOfMessages(10)).messages();
        assertThat(dead).isEmpty();
    }

    /** The chat's mode as stored (no API shows it without changing it). */
    private static ChatMode mode(Visitor visitor) {
        var stack = ChatStackFixture.stack();
        String table = stack.world().tableName(stack.world().template().tables().stream()
                .filter(t -> t.logicalId().equals("ChatTable")).findFirst().orElseThrow());
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(stack.aws().dynamo()).build();
        return new DynamoDbChatRepository(new DynamoDbChatTable(enhanced, table)).find(visitor.token).orElseThrow().mode();
    }

    private static int waitingCount(String board) {
        String head = board.substring("Ждут оператора: ".length()).split("\\s", 2)[0];
        try {
            return Integer.parseInt(head);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Visitor.Message awaitText(Visitor visitor, String what, Duration timeout,
                                             java.util.function.Predicate<Visitor.Message> match) {
        return Await.until(what + " (" + visitor.token + ")", timeout, () -> {
            Optional<Visitor.Message> seen = visitor.received.stream().filter(match).findFirst();
            if (seen.isPresent()) {
                return seen;
            }
            visitor.poll();
            return visitor.received.stream().filter(match).findFirst();
        });
    }
}
