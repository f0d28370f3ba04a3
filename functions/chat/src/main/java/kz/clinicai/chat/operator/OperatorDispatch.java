package kz.clinicai.chat.operator;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.telegram.MessageSplitter;
import kz.clinicai.chat.telegram.OutboxMessage;
import kz.clinicai.chat.telegram.TelegramCall;
import kz.clinicai.chat.telegram.TelegramCall.Button;
import kz.clinicai.chat.telegram.TelegramOutbox;
import kz.clinicai.chat.telegram.TelegramSender;

/**
 * What operators receive about visitors' chats: one board per operator listing the chats that wait (with
 * «Взять» buttons; {@link WaitingBoard}, refreshed through the outbox so bursts coalesce), the transcript when a
 * chat is taken, and then the visitor's new messages. Every send is queued, routed to its chat so that an
 * operator's reply to it reaches that chat.
 */
public final class OperatorDispatch {

    /** Room for Telegram's 4,096 chars after a part counter. */
    static final int PART_LIMIT = 4000;
    // Kazakhstan's time, which operators read transcripts in.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm")
            .withZone(ZoneId.of("Asia/Almaty"));

    private final ChatRepository chats;
    private final OperatorRepository operators;
    private final TelegramOutbox outbox;

    public OperatorDispatch(ChatRepository chats, OperatorRepository operators, TelegramOutbox outbox) {
        this.chats = chats;
        this.operators = operators;
        this.outbox = outbox;
    }

    /** Offers a waiting chat to every available operator (on their boards); returns how many were offered it. */
    int offer(Chat chat, String reason) {
        return refreshBoards();
    }

    /** Brings every available operator's board of waiting chats up to date; returns how many operators. */
    public int refreshBoards() {
        List<Operator> available = operators.available();
        for (Operator operator : available) {
            outbox.send(OutboxMessage.board(operator.id()), TelegramSender.BOARD_DELAY);
        }
        return available.size();
    }

    /** The whole transcript, to the operator who just took the chat (routed: a reply to it reaches the chat). */
    void sendTranscript(long operatorId, Chat chat) {
        List<String> parts = transcriptParts(chat, chats.handoffReason(chat.token()).orElse(null));
        List<TelegramCall> calls = new ArrayList<>();
        for (String part : parts) {
            calls.add(TelegramCall.sendMessage(operatorId, part));
        }
        outbox.send(OutboxMessage.routed(chat.ref(), calls));
    }

    /**
     * Calls operators to a chat that has just been handed off; if nobody is available, tells the visitor so
     * (the chat stays waiting, and whoever sends /available next gets it).
     */
    public void announce(Chat chat, String reason, java.time.Instant now) {
        if (offer(chat, reason) == 0) {
            chats.addForVisitor(chat.token(), List.of(ChatMessage.create(Author.SYSTEM, OperatorTexts.VISITOR_NO_OPERATORS, now)));
        }
    }

    /** Shows every waiting chat to one operator (who just became available) on their board. */
    void offerWaiting(long operatorId) {
        outbox.send(OutboxMessage.board(operatorId));
    }

    /** Passes a visitor's message to the operator holding the chat. */
    public void forward(Chat chat, ChatMessage message) {
        if (chat.mode() != ChatMode.OPERATOR || chat.operatorId() == null) {
            return;
        }
        List<TelegramCall> calls = new ArrayList<>();
        for (String part : MessageSplitter.split(OperatorTexts.visitorSays(chat.ref(), message.text()), PART_LIMIT)) {
            calls.add(TelegramCall.sendMessage(chat.operatorId(), part));
        }
        outbox.send(OutboxMessage.routed(chat.ref(), calls));
    }

    /** Sends a message about one chat to an operator, routed to that chat. */
    void tell(long operatorId, String ref, String text, List<Button> buttons) {
        outbox.send(OutboxMessage.routed(ref, List.of(TelegramCall.sendMessage(operatorId, text, buttons))));
    }

    /** Sends an unrouted message (command answers, notices). */
    void say(long telegramChatId, String text) {
        for (String part : MessageSplitter.split(text, PART_LIMIT)) {
            outbox.send(OutboxMessage.of(TelegramCall.sendMessage(telegramChatId, part)));
        }
    }

    private List<String> transcriptParts(Chat chat, String reason) {
        StringBuilder text = new StringBuilder(OperatorTexts.offerHeader(chat.ref(), reason)).append("\n\n");
        for (ChatMessage message : chats.transcript(chat.token())) {
            text.append('[').append(TIME.format(message.createdAt())).append("] ")
                    .append(OperatorTexts.authorName(message.author())).append(": ")
                    .append(message.text()).append('\n');
        }
        List<String> parts = MessageSplitter.split(text.toString(), PART_LIMIT);
        if (parts.size() == 1) {
            return parts;
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            numbered.add("(" + (i + 1) + "/" + parts.size() + ") " + parts.get(i));
        }
        return numbered;
    }

    static List<ChatMessage> visitorMessagesSince(List<ChatMessage> transcript, java.time.Instant since) {
        return transcript.stream()
                .filter(m -> m.author() == Author.VISITOR && m.createdAt().isAfter(since))
                .toList();
    }
}
