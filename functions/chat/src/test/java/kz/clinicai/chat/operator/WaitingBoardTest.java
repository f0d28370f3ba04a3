package kz.clinicai.chat.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.support.InMemoryBoardStore;
import kz.clinicai.chat.support.InMemoryChatRepository;
import kz.clinicai.chat.support.MutableClock;
import kz.clinicai.chat.telegram.BoardRefresher;
import kz.clinicai.chat.telegram.TelegramApiException;
import kz.clinicai.chat.telegram.TelegramCall;
import kz.clinicai.chat.telegram.TelegramClient;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class WaitingBoardTest {

    static final long OPERATOR = 501;

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-09T06:00:00Z"));
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryBoardStore store = new InMemoryBoardStore();
    final List<TelegramCall> calls = new ArrayList<>();
    TelegramApiException failNext;

    final TelegramClient telegram = call -> {
        if (failNext != null) {
            TelegramApiException e = failNext;
            failNext = null;
            throw e;
        }
        calls.add(call);
        return Json.mapper().createObjectNode().put("message_id", 900 + calls.size());
    };
    final WaitingBoard board = new WaitingBoard(chats, store, telegram, clock, Duration.ofMinutes(5));

    String waiting(String token, String visitorText, String reason) {
        chats.open(token, clock.instant());
        chats.addVisitorMessage(token, ChatMessage.create(Author.VISITOR, visitorText, clock.instant()));
        chats.requestOperator(token, reason, ChatMessage.create(Author.SYSTEM, "n", clock.instant()), clock.instant());
        return chats.find(token).orElseThrow().ref();
    }

    @Test
    void sixtyWaitingChatsAreOneMessageAndRepeatedRefreshesCostNothing() {
        for (int i = 0; i < 60; i++) {
            waiting("visitor-token-%016d".formatted(i), "Вопрос " + i, "причина " + i);
        }

        for (int i = 0; i < 60; i++) {
            assertThat(board.refresh(OPERATOR)).isEqualTo(BoardRefresher.Result.DONE);
        }

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("sendMessage");
            String text = (String) call.params().get("text");
            assertThat(text).startsWith("Ждут оператора: 60").contains("Посетитель: Вопрос 0").contains("причина 0")
                    .contains("…и ещё 40").hasSizeLessThan(4096);
            JsonNode markup = Json.mapper().valueToTree(call.params().get("reply_markup"));
            assertThat(markup.path("inline_keyboard")).hasSize(WaitingBoard.LISTED);
            assertThat(markup.path("inline_keyboard").get(0).get(0).path("callback_data").asText()).startsWith("take:");
        });
    }

    @Test
    void aChangeEditsTheSameMessageAndAnEmptyListClosesIt() {
        String first = waiting("visitor-token-0000000000000001", "Первый", "r1");
        board.refresh(OPERATOR);
        String second = waiting("visitor-token-0000000000000002", "Второй", "r2");

        board.refresh(OPERATOR);
        chats.claim("visitor-token-0000000000000001", OPERATOR, clock.instant());
        chats.claim("visitor-token-0000000000000002", OPERATOR, clock.instant());
        board.refresh(OPERATOR);

        assertThat(calls).extracting(TelegramCall::method).containsExactly("sendMessage", "editMessageText", "editMessageText");
        assertThat((String) calls.get(1).params().get("text")).contains("#" + first).contains("#" + second);
        assertThat(calls.get(1).params().get("message_id")).isEqualTo(901L);
        assertThat(calls.get(2).params().get("text")).isEqualTo(WaitingBoard.EMPTY);
        assertThat(store.find(OPERATOR)).isEmpty();
    }

    @Test
    void floodControlOnTheFirstSendLeavesNoHalfCreatedBoard() {
        waiting("visitor-token-0000000000000003", "Третий", "r3");
        failNext = new TelegramApiException(429, "Too Many Requests", Optional.of(Duration.ofSeconds(3)), null);

        assertThatThrownBy(() -> board.refresh(OPERATOR)).isInstanceOf(TelegramApiException.class);
        assertThat(store.find(OPERATOR)).isEmpty();
        assertThat(board.refresh(OPERATOR)).isEqualTo(BoardRefresher.Result.DONE);
        assertThat(calls).extracting(TelegramCall::method).containsExactly("sendMessage");
    }

    @Test
    void aHandoffOlderThanTheTimeoutIsReturnedToTheAssistantNotListed() {
        waiting("visitor-token-0000000000000005", "Старый", "r5");
        clock.advance(Duration.ofMinutes(6));
        String fresh = waiting("visitor-token-0000000000000006", "Новый", "r6");

        board.refresh(OPERATOR);

        assertThat((String) calls.get(0).params().get("text")).startsWith("Ждут оператора: 1").contains("#" + fresh)
                .doesNotContain("Старый");
        assertThat(chats.find("visitor-token-0000000000000005").orElseThrow().mode())
                .isEqualTo(kz.clinicai.chat.conversation.ChatMode.AI);
        assertThat(chats.undelivered("visitor-token-0000000000000005")).extracting(ChatMessage::text)
                .contains(OperatorTexts.VISITOR_NOBODY_TOOK);
    }

    @Test
    void anotherWorkerCreatingTheBoardMeansLookAgainLater() {
        waiting("visitor-token-0000000000000004", "Четвёртый", "r4");
        store.startCreating(OPERATOR, clock.instant().plusSeconds(30), clock.instant());

        assertThat(board.refresh(OPERATOR)).isEqualTo(BoardRefresher.Result.LATER);
        assertThat(calls).isEmpty();
    }
}
