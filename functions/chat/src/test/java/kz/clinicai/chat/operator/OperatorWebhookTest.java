package kz.clinicai.chat.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.reply.ChatModel;
import kz.clinicai.chat.reply.ModelAnswer;
import kz.clinicai.chat.reply.ReplyJob;
import kz.clinicai.chat.reply.ReplyService;
import kz.clinicai.chat.reply.ResourceChatInstructions;
import kz.clinicai.chat.support.Events;
import kz.clinicai.chat.support.InMemoryChatRepository;
import kz.clinicai.chat.support.InMemoryOperatorRepository;
import kz.clinicai.chat.support.InMemorySentMessageLog;
import kz.clinicai.chat.support.MutableClock;
import kz.clinicai.chat.support.RecordingOutbox;
import kz.clinicai.chat.telegram.TelegramCall;
import org.junit.jupiter.api.Test;

class OperatorWebhookTest {

    static final String SECRET = "webhook-secret_123";
    static final long ADMIN = 100;
    static final long ALICE = 201;
    static final long BOB = 202;
    static final String TOKEN_A = "visitor-token-aaaaaaaaaaaa";
    static final String TOKEN_B = "visitor-token-bbbbbbbbbbbb";

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-09T06:00:00Z"));
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
    final RecordingOutbox outbox = new RecordingOutbox();
    final InMemorySentMessageLog routes = new InMemorySentMessageLog();
    final OperatorDispatch dispatch = new OperatorDispatch(chats, operators, outbox);
    final OperatorService service = new OperatorService(chats, operators, dispatch, outbox, routes, Set.of(ADMIN), clock);
    final OperatorWebhook handler = new OperatorWebhook(service, SECRET);
    int updateId = 1;

    APIGatewayV2HTTPResponse post(String body, String secret) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (secret != null) {
            headers.put("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return handler.handle(Events.http("POST", "/telegram/webhook", headers, body));
    }

    APIGatewayV2HTTPResponse text(long from, String text) {
        return text(from, text, null);
    }

    APIGatewayV2HTTPResponse text(long from, String text, Long replyTo) {
        String reply = replyTo == null ? "" : ",\"reply_to_message\":{\"message_id\":" + replyTo + ",\"chat\":{\"id\":" + from + ",\"type\":\"private\"}}";
        String body = "{\"update_id\":" + (updateId++) + ",\"message\":{\"message_id\":" + (1000 + updateId)
                + ",\"from\":{\"id\":" + from + ",\"first_name\":\"User" + from + "\"},\"chat\":{\"id\":" + from
                + ",\"type\":\"private\"},\"date\":1712642400,\"text\":" + quote(text) + reply + "}}";
        var response = post(body, SECRET);
        assertThat(response.getStatusCode()).isEqualTo(200);
        return response;
    }

    APIGatewayV2HTTPResponse press(long from, String data) {
        String body = "{\"update_id\":" + (updateId++) + ",\"callback_query\":{\"id\":\"cb" + updateId + "\",\"from\":{\"id\":"
                + from + ",\"first_name\":\"User" + from + "\"},\"message\":{\"message_id\":5,\"chat\":{\"id\":" + from
                + ",\"type\":\"private\"}},\"data\":" + quote(data) + "}}";
        return post(body, SECRET);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    List<String> callbackAnswers() {
        return outbox.calls().stream().filter(c -> c.method().equals("answerCallbackQuery"))
                .map(c -> (String) c.params().get("text")).toList();
    }

    void approvedAndAvailable(long... ids) {
        for (long id : ids) {
            text(id, "/start");
            text(ADMIN, "/approve " + id);
            text(id, "/available");
        }
        outbox.clear();
    }

    Chat waitingChat(String token, String visitorText) {
        chats.open(token, clock.instant());
        chats.addVisitorMessage(token, ChatMessage.create(Author.VISITOR, visitorText, clock.instant()));
        chats.requestOperator(token, "Просит оператора", ChatMessage.create(Author.SYSTEM, "notice", clock.instant()), clock.instant());
        return chats.find(token).orElseThrow();
    }

    @Test
    void wrongOrMissingSecretIs401AndChangesNothing() {
        String start = "{\"update_id\":1,\"message\":{\"message_id\":1,\"from\":{\"id\":5},\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"/start\"}}";

        assertThat(post(start, "wrong-secret").getStatusCode()).isEqualTo(401);
        assertThat(post(start, null).getStatusCode()).isEqualTo(401);
        assertThat(post(start, SECRET + "x").getStatusCode()).isEqualTo(401);

        assertThat(operators.all()).isEmpty();
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void startRegistersACandidateAndAdminApproves() {
        text(ALICE, "/start");

        assertThat(operators.find(ALICE)).get().extracting(Operator::status).isEqualTo(OperatorStatus.CANDIDATE);
        assertThat(outbox.textsTo(ADMIN)).singleElement().asString().contains("/approve " + ALICE);

        text(ALICE, "/available");
        assertThat(operators.find(ALICE).orElseThrow().available()).isFalse();

        text(BOB, "/approve " + ALICE);
        assertThat(operators.find(ALICE).orElseThrow().status()).isEqualTo(OperatorStatus.CANDIDATE);
        assertThat(outbox.textsTo(BOB)).last().asString().contains("только для администраторов");

        text(ADMIN, "/approve " + ALICE);
        text(ALICE, "/available");
        assertThat(operators.find(ALICE).orElseThrow().receivesOffers()).isTrue();

        text(ALICE, "/away");
        assertThat(operators.find(ALICE).orElseThrow().receivesOffers()).isFalse();

        text(ADMIN, "/operators");
        assertThat(outbox.textsTo(ADMIN)).last().asString().contains(ALICE + " User" + ALICE + " — одобрен");

        text(ADMIN, "/disable " + ALICE);
        text(ALICE, "/available");
        assertThat(operators.find(ALICE).orElseThrow().status()).isEqualTo(OperatorStatus.DISABLED);
        assertThat(operators.find(ALICE).orElseThrow().available()).isFalse();
    }

    @Test
    void becomingAvailableBringsTheWaitingChats() {
        Chat chat = waitingChat(TOKEN_A, "Нужна помощь");
        text(ALICE, "/start");
        text(ADMIN, "/approve " + ALICE);
        outbox.clear();

        text(ALICE, "/available");

        // Her board of waiting chats is (re)rendered by the send worker: WaitingBoardTest shows what it lists.
        assertThat(outbox.sent).anySatisfy(s -> assertThat(s.message().boardFor()).isEqualTo(ALICE));
        assertThat(chat.mode()).isEqualTo(ChatMode.WAITING_OPERATOR);
    }

    @Test
    void firstToPressTakeGetsTheChatOthersSeeItTaken() {
        approvedAndAvailable(ALICE, BOB);
        Chat chat = waitingChat(TOKEN_A, "Здравствуйте");

        press(ALICE, "take:" + chat.ref());
        press(BOB, "take:" + chat.ref());

        assertThat(chats.find(TOKEN_A).orElseThrow().heldBy(ALICE)).isTrue();
        assertThat(callbackAnswers()).containsExactly("Чат ваш.", "Чат уже взят другим оператором.");
        // Bob's board drops the chat (a coalesced edit), and Alice gets the transcript.
        assertThat(outbox.sent).anySatisfy(s -> assertThat(s.message().boardFor()).isEqualTo(BOB));
        assertThat(outbox.textsTo(ALICE)).anySatisfy(t -> assertThat(t).contains("Посетитель: Здравствуйте"));
        assertThat(chats.undelivered(TOKEN_A)).extracting(ChatMessage::text).contains(OperatorTexts.VISITOR_OPERATOR_CONNECTED);
    }

    @Test
    void concurrentClaimsHaveExactlyOneWinner() throws Exception {
        waitingChat(TOKEN_A, "Здравствуйте");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (long operator = 1; operator <= 16; operator++) {
                long id = operator;
                claims.add(() -> chats.claim(TOKEN_A, id, clock.instant()));
            }
            int winners = 0;
            for (Future<Boolean> claim : pool.invokeAll(claims)) {
                winners += claim.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void operatorAnswersFinishesAndTheAiTakesOverAfresh() {
        approvedAndAvailable(ALICE);
        Chat chat = waitingChat(TOKEN_A, "Сколько стоит?");
        press(ALICE, "take:" + chat.ref());

        text(ALICE, "Две тысячи тенге");

        assertThat(chats.undelivered(TOKEN_A)).filteredOn(m -> m.author() == Author.OPERATOR)
                .extracting(ChatMessage::text).containsExactly("Две тысячи тенге");

        text(ALICE, "/finish");

        Chat after = chats.find(TOKEN_A).orElseThrow();
        assertThat(after.mode()).isEqualTo(ChatMode.AI);
        assertThat(after.historyFrom()).isNotNull();
        assertThat(chats.undelivered(TOKEN_A)).extracting(ChatMessage::text).contains(OperatorTexts.VISITOR_FINISHED);
        text(ALICE, "Ещё что-то");
        assertThat(outbox.textsTo(ALICE)).last().asString().contains("нет активных чатов");
    }

    @Test
    void returnToAiKeepsTheOperatorsPartInTheModelsHistory() {
        approvedAndAvailable(ALICE);
        Chat chat = waitingChat(TOKEN_A, "Есть доставка?");
        press(ALICE, "take:" + chat.ref());
        text(ALICE, "Да, по городу бесплатно");

        press(ALICE, "ai:" + chat.ref());

        assertThat(chats.find(TOKEN_A).orElseThrow().mode()).isEqualTo(ChatMode.AI);
        assertThat(callbackAnswers()).last().isEqualTo("Чат возвращён ассистенту.");
        List<List<ChatMessage>> seen = new ArrayList<>();
        ChatModel model = (assistant, history) -> {
            seen.add(history);
            return new ModelAnswer(Optional.of("Чем ещё помочь?"), Optional.empty());
        };
        ReplyService replies = new ReplyService(chats, model,
                new ResourceChatInstructions("m", ResourceChatInstructions.DEFAULT_RESOURCE), dispatch, 30, clock);
        ChatMessage next = ChatMessage.create(Author.VISITOR, "А в область?", clock.instant());
        chats.addVisitorMessage(TOKEN_A, next);

        assertThat(replies.process(new ReplyJob(TOKEN_A, next.id()))).isEqualTo(ReplyService.Result.REPLIED);
        assertThat(seen.get(0)).extracting(ChatMessage::author).contains(Author.OPERATOR);
        assertThat(seen.get(0)).extracting(ChatMessage::text).contains("Есть доставка?", "Да, по городу бесплатно", "А в область?");
    }

    @Test
    void repliesRouteByTheRepliedToBotMessageWhenAnOperatorHoldsSeveralChats() {
        approvedAndAvailable(ALICE);
        Chat a = waitingChat(TOKEN_A, "Вопрос A");
        Chat b = waitingChat(TOKEN_B, "Вопрос B");
        press(ALICE, "take:" + a.ref());
        press(ALICE, "take:" + b.ref());
        // What the send worker records when the bot's messages about each chat go out.
        routes.record(ALICE, 9001, a.ref(), clock.instant());
        routes.record(ALICE, 9002, b.ref(), clock.instant());

        text(ALICE, "Ответ для B", 9002L);
        text(ALICE, "Ответ для A", 9001L);
        text(ALICE, "Кому это?");

        assertThat(chats.undelivered(TOKEN_A)).filteredOn(m -> m.author() == Author.OPERATOR)
                .extracting(ChatMessage::text).containsExactly("Ответ для A");
        assertThat(chats.undelivered(TOKEN_B)).filteredOn(m -> m.author() == Author.OPERATOR)
                .extracting(ChatMessage::text).containsExactly("Ответ для B");
        assertThat(outbox.textsTo(ALICE)).last().asString().contains("несколько чатов").contains("#" + a.ref());
    }

    @Test
    void anotherOperatorCannotAnswerOrReturnAChatTheyDoNotHold() {
        approvedAndAvailable(ALICE, BOB);
        Chat chat = waitingChat(TOKEN_A, "Вопрос");
        press(ALICE, "take:" + chat.ref());
        routes.record(BOB, 7001, chat.ref(), clock.instant());

        text(BOB, "Я отвечу", 7001L);
        press(BOB, "ai:" + chat.ref());

        assertThat(chats.transcript(TOKEN_A)).extracting(ChatMessage::author).doesNotContain(Author.OPERATOR);
        assertThat(chats.find(TOKEN_A).orElseThrow().heldBy(ALICE)).isTrue();
        assertThat(callbackAnswers()).last().isEqualTo("Чат не у вас.");
    }

    @Test
    void takingAChatSendsTheWholeTranscriptSplitUnderTelegramsLimit() {
        approvedAndAvailable(ALICE);
        chats.open(TOKEN_A, clock.instant());
        for (int i = 0; i < 40; i++) {
            chats.addVisitorMessage(TOKEN_A, ChatMessage.create(Author.VISITOR, i + " " + "слово ".repeat(40), clock.instant()));
        }
        chats.requestOperator(TOKEN_A, "длинный чат", ChatMessage.create(Author.SYSTEM, "n", clock.instant()), clock.instant());
        Chat chat = chats.find(TOKEN_A).orElseThrow();

        dispatch.sendTranscript(ALICE, chat);

        assertThat(outbox.sent.get(0).message().routeRef()).isEqualTo(chat.ref());
        List<TelegramCall> calls = outbox.sent.get(0).message().calls();
        assertThat(calls).hasSizeGreaterThan(1);
        assertThat(calls).allSatisfy(c -> assertThat(((String) c.params().get("text")).length()).isLessThan(4096));
        assertThat((String) calls.get(0).params().get("text")).contains("Причина: длинный чат");
        String joined = String.join("\n", calls.stream().map(c -> (String) c.params().get("text")).toList());
        for (int i = 0; i < 40; i++) {
            assertThat(joined).contains("Посетитель: " + i + " слово");
        }
    }

    @Test
    void messagesWrittenWhileWaitingAreShownOnTakeAndNotForwardedAgainLater() {
        approvedAndAvailable(ALICE);
        Chat chat = waitingChat(TOKEN_A, "Здравствуйте");
        ChatMessage meanwhile = ChatMessage.create(Author.VISITOR, "Есть кто-нибудь?", clock.instant());
        chats.addVisitorMessage(TOKEN_A, meanwhile);

        press(ALICE, "take:" + chat.ref());

        assertThat(outbox.textsTo(ALICE)).anySatisfy(t -> assertThat(t).startsWith("Вы взяли чат")
                .contains("— Есть кто-нибудь?"));
        // Its reply job (kept queued while the chat waited) will find it handled and skip it.
        assertThat(chats.message(TOKEN_A, meanwhile.id()).orElseThrow().repliedAt()).isNotNull();
    }

    @Test
    void theWebhookSecretIsAskedForOnEveryUpdateSoARotationNeedsNoRedeploy() {
        String[] current = {SECRET};
        OperatorWebhook rotating = new OperatorWebhook(service, () -> current[0]);
        String update = "{\"update_id\":1}";

        assertThat(rotating.handle(webhook(SECRET, update)).getStatusCode()).isEqualTo(200);
        current[0] = "rotated-secret-0123456789";
        assertThat(rotating.handle(webhook(SECRET, update)).getStatusCode()).isEqualTo(401);
        assertThat(rotating.handle(webhook("rotated-secret-0123456789", update)).getStatusCode())
                .isEqualTo(200);
    }

    static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent webhook(String secret, String body) {
        return Events.http("POST", "/telegram/webhook", Map.of("content-type", "application/json",
                "X-Telegram-Bot-Api-Secret-Token", secret), body);
    }
}
