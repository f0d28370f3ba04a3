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

/**
 * What operators receive about visitors' chats: offers (the whole transcript plus a "Take chat" button) and,
 * once a chat is taken, the visitor's new messages. Every send is queued, routed to its chat so that an
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

    /** Offers a waiting chat to every available operator; returns how many were offered it. */
    public int offer(Chat chat, String reason) {
        List<Operator> available = operators.available();
        if (available.isEmpty()) {
            return 0;
        }
        List<String> parts = transcriptParts(chat, reason);
        for (Operator operator : available) {
            offerTo(operator.id(), chat.ref(), parts);
        }
        return available.size();
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

    /** Offers every waiting chat to one operator (who just became available). */
    public void offerWaiting(long operatorId) {
        for (Chat chat : chats.waiting()) {
            if (chat.mode() == ChatMode.WAITING_OPERATOR) {
                offerTo(operatorId, chat.ref(), transcriptParts(chat, null));
            }
        }
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
    public void tell(long operatorId, String ref, String text, List<Button> buttons) {
        outbox.send(OutboxMessage.routed(ref, List.of(TelegramCall.sendMessage(operatorId, text, buttons))));
    }

    /** Sends an unrouted message (command answers, notices). */
    public void say(long telegramChatId, String text) {
        for (String part : MessageSplitter.split(text, PART_LIMIT)) {
            outbox.send(OutboxMessage.of(TelegramCall.sendMessage(telegramChatId, part)));
        }
    }

    private void offerTo(long operatorId, String ref, List<String> parts) {
        List<TelegramCall> calls = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            calls.add(TelegramCall.sendMessage(operatorId, parts.get(i),
                    last ? List.of(new Button(OperatorTexts.TAKE_BUTTON, CallbackData.take(ref))) : List.of()));
        }
        outbox.send(OutboxMessage.routed(ref, calls));
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
