package kz.clinicai.chat.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.telegram.BoardRefresher;
import kz.clinicai.chat.telegram.TelegramApiException;
import kz.clinicai.chat.telegram.TelegramCall;
import kz.clinicai.chat.telegram.TelegramCall.Button;
import kz.clinicai.chat.telegram.TelegramClient;

/**
 * One message per operator listing the chats that wait for an operator, each with a «Взять» button, edited as the
 * list changes — instead of one message per hand-off, which Telegram's flood control (about one message a second
 * per chat) turns into minutes of 429s when many chats wait at once. Rendered when the send worker gets to it, so
 * a burst of hand-offs costs one send; a render equal to what the board shows costs nothing.
 */
public final class WaitingBoard implements BoardRefresher {

    /** Chats listed (with buttons); the rest are counted. Far below Telegram's 4,096 chars and keyboard size. */
    static final int LISTED = 20;
    static final int SNIPPET_CHARS = 160;
    static final Duration CREATE_LEASE = Duration.ofSeconds(30);
    static final String EMPTY = "Все ожидавшие чаты разобраны.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Almaty"));

    private final ChatRepository chats;
    private final BoardStore store;
    private final TelegramClient telegram;
    private final Clock clock;
    private final Duration handoffTimeout;

    /** @param handoffTimeout hand-offs older than this are returned to the assistant, not listed (null: never) */
    public WaitingBoard(ChatRepository chats, BoardStore store, TelegramClient telegram, Clock clock,
                        Duration handoffTimeout) {
        this.chats = chats;
        this.store = store;
        this.telegram = telegram;
        this.clock = clock;
        this.handoffTimeout = handoffTimeout;
    }

    /** What a board shows: text and one «Взять #ref» button per listed chat. */
    record Rendered(String text, List<List<Button>> buttons) {
    }

    @Override
    public Result refresh(long operatorId) {
        Instant now = clock.instant();
        List<Chat> waiting = chats.waiting().stream()
                .filter(c -> c.mode() == ChatMode.WAITING_OPERATOR)
                .filter(c -> !expired(c, now))
                .sorted(Comparator.comparing(Chat::changedAt))
                .toList();
        Optional<BoardStore.Board> board = store.find(operatorId);
        if (waiting.isEmpty()) {
            // Nothing waits: close the board; the next hand-off starts a new message (and a new notification).
            if (board.isPresent() && board.get().messageId() != null) {
                edit(operatorId, board.get().messageId(), new Rendered(EMPTY, List.of()));
                store.forget(operatorId);
            }
            return Result.DONE;
        }
        Rendered rendered = render(waiting);
        if (board.isPresent() && board.get().messageId() != null) {
            if (rendered.text().equals(board.get().text())) {
                return Result.DONE;
            }
            if (edit(operatorId, board.get().messageId(), rendered)) {
                store.save(operatorId, board.get().messageId(), rendered.text(), now);
                return Result.DONE;
            }
            // The board message is gone (deleted by the operator): start a new one.
            store.forget(operatorId);
        } else if (board.isPresent() && now.isBefore(board.get().leaseUntil())) {
            return Result.LATER;
        }
        if (!store.startCreating(operatorId, now.plus(CREATE_LEASE), now)) {
            return Result.LATER;
        }
        JsonNode sent;
        try {
            sent = telegram.call(TelegramCall.sendMessageRows(operatorId, rendered.text(), rendered.buttons()));
        } catch (RuntimeException e) {
            // Let the next refresh create it (after flood control, or at once after another failure).
            store.forget(operatorId);
            throw e;
        }
        store.save(operatorId, sent.path("message_id").asLong(), rendered.text(), now);
        return Result.DONE;
    }

    /**
     * A hand-off nobody took in time goes back to the assistant here too, not only when its visitor polls or
     * writes: a visitor who left must not keep a chat on operators' boards forever.
     */
    private boolean expired(Chat chat, Instant now) {
        if (handoffTimeout == null || chat.changedAt().plus(handoffTimeout).isAfter(now)) {
            return false;
        }
        chats.returnUnclaimed(chat.token(), now.minus(handoffTimeout),
                ChatMessage.create(Author.SYSTEM, OperatorTexts.VISITOR_NOBODY_TOOK, now), now);
        return true;
    }

    /** @return false if the message no longer exists */
    private boolean edit(long operatorId, long messageId, Rendered rendered) {
        try {
            telegram.call(TelegramCall.editMessageText(operatorId, messageId, rendered.text(), rendered.buttons()));
            return true;
        } catch (TelegramApiException e) {
            String text = String.valueOf(e.getMessage());
            if (e.status() == 400 && text.contains("not modified")) {
                return true;
            }
            if (e.status() == 400 && (text.contains("not found") || text.contains("can't be edited"))) {
                return false;
            }
            throw e;
        }
    }

    Rendered render(List<Chat> waiting) {
        StringBuilder text = new StringBuilder("Ждут оператора: ").append(waiting.size()).append('\n');
        List<List<Button>> buttons = new ArrayList<>();
        for (Chat chat : waiting.subList(0, Math.min(LISTED, waiting.size()))) {
            text.append("\n#").append(chat.ref()).append(" · с ").append(TIME.format(chat.changedAt()));
            chats.handoffReason(chat.token()).ifPresent(r -> text.append(" · Причина: ").append(cut(r)));
            lastVisitorMessage(chat).ifPresent(m -> text.append("\n").append(OperatorTexts.authorName(Author.VISITOR))
                    .append(": ").append(cut(m)));
            text.append('\n');
            buttons.add(List.of(new Button(OperatorTexts.TAKE_BUTTON + " #" + chat.ref(), CallbackData.take(chat.ref()))));
        }
        if (waiting.size() > LISTED) {
            text.append("\n…и ещё ").append(waiting.size() - LISTED).append(". Возьмите чаты выше — список обновится.");
        }
        return new Rendered(text.toString().strip(), buttons);
    }

    private Optional<String> lastVisitorMessage(Chat chat) {
        List<ChatMessage> recent = chats.history(chat.token(), null, null, 10);
        for (int i = recent.size() - 1; i >= 0; i--) {
            if (recent.get(i).author() == Author.VISITOR) {
                return Optional.of(recent.get(i).text());
            }
        }
        return Optional.empty();
    }

    private static String cut(String text) {
        String line = text.replace('\n', ' ').strip();
        return line.length() <= SNIPPET_CHARS ? line : line.substring(0, SNIPPET_CHARS) + "…";
    }
}
