package kz.clinicai.chat.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.telegram.OutboxMessage;
import kz.clinicai.chat.telegram.SentMessageLog;
import kz.clinicai.chat.telegram.TelegramCall;
import kz.clinicai.chat.telegram.TelegramCall.Button;
import kz.clinicai.chat.telegram.TelegramOutbox;
import kz.clinicai.shared.validation.Validate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' side, driven by Telegram updates: registration and approval, presence, taking chats (one
 * conditional claim decides the race), relaying operators' messages to visitors, finishing and returning
 * chats to the model.
 */
public final class OperatorService {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorService.class);

    private final ChatRepository chats;
    private final OperatorRepository operators;
    private final OperatorDispatch dispatch;
    private final TelegramOutbox outbox;
    private final SentMessageLog sentMessages;
    private final Set<Long> admins;
    private final Clock clock;

    public OperatorService(ChatRepository chats, OperatorRepository operators, OperatorDispatch dispatch,
                           TelegramOutbox outbox, SentMessageLog sentMessages, Set<Long> admins, Clock clock) {
        this.chats = chats;
        this.operators = operators;
        this.dispatch = dispatch;
        this.outbox = outbox;
        this.sentMessages = sentMessages;
        this.admins = Set.copyOf(admins);
        this.clock = clock;
    }

    void handle(TelegramUpdate update) {
        if (update.callbackQuery() != null) {
            onCallback(update.callbackQuery());
        } else if (update.message() != null) {
            onMessage(update.message());
        }
    }

    private void onMessage(TelegramUpdate.Message message) {
        if (message.from() == null || message.from().id() == null || message.chat() == null
                || !"private".equals(message.chat().type()) || message.text() == null || message.text().isBlank()) {
            // Groups, channels, stickers, photos: the bot works in private text chats only.
            return;
        }
        long user = message.from().id();
        String text = message.text().strip();
        if (!text.startsWith("/")) {
            relay(user, message, text);
            return;
        }
        String[] words = text.split("\\s+", 2);
        // "/start@ClinicBot" in a client that appends the bot's name.
        String command = words[0].split("@", 2)[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (command) {
            case "/start" -> start(message.from());
            case "/approve" -> admin(user, () -> approve(user, argument));
            case "/disable" -> admin(user, () -> disable(user, argument));
            case "/operators" -> admin(user, () -> listOperators(user));
            case "/available" -> approved(user, () -> available(user));
            case "/away" -> approved(user, () -> away(user));
            case "/finish" -> approved(user, () -> finish(user, message));
            case "/help" -> dispatch.say(user, OperatorTexts.HELP + (admins.contains(user) ? "\n" + OperatorTexts.ADMIN_HELP : ""));
            default -> dispatch.say(user, "Неизвестная команда. /help — список команд.");
        }
    }

    private void start(TelegramUpdate.User from) {
        long id = from.id();
        boolean admin = admins.contains(id);
        // Admins are trusted by configuration; everybody else waits for one of them.
        Operator candidate = new Operator(id, from.displayName(),
                admin ? OperatorStatus.APPROVED : OperatorStatus.CANDIDATE, false);
        if (!operators.register(candidate)) {
            Operator known = operators.find(id).orElse(candidate);
            dispatch.say(id, "Вы уже зарегистрированы, статус: " + statusName(known.status()) + ".");
            return;
        }
        if (admin) {
            dispatch.say(id, "Вы администратор и оператор. /available — начать принимать чаты.\n"
                    + OperatorTexts.HELP + "\n" + OperatorTexts.ADMIN_HELP);
            return;
        }
        dispatch.say(id, "Заявка принята. Ваш id: " + id + ". Дождитесь одобрения администратора.");
        for (long adminId : admins) {
            dispatch.say(adminId, "Новый кандидат в операторы: " + candidate.name() + " (id " + id + ").\n"
                    + "/approve " + id);
        }
    }

    private void approve(long admin, String argument) {
        Optional<Long> id = parseId(admin, argument);
        if (id.isEmpty()) {
            return;
        }
        if (!operators.setStatus(id.get(), OperatorStatus.APPROVED)) {
            dispatch.say(admin, "Нет такого кандидата: " + id.get() + ". Он должен сначала отправить боту /start.");
            return;
        }
        dispatch.say(admin, "Оператор " + id.get() + " одобрен.");
        dispatch.say(id.get(), "Вы одобрены как оператор. /available — начать принимать чаты.\n" + OperatorTexts.HELP);
    }

    private void disable(long admin, String argument) {
        Optional<Long> id = parseId(admin, argument);
        if (id.isEmpty()) {
            return;
        }
        if (!operators.setStatus(id.get(), OperatorStatus.DISABLED)) {
            dispatch.say(admin, "Нет такого оператора: " + id.get() + ".");
            return;
        }
        // Their chats must not stay with nobody answering.
        for (Chat chat : chats.heldBy(id.get())) {
            chats.release(chat.token(), id.get(), notice(OperatorTexts.VISITOR_BACK_TO_AI), true, clock.instant());
        }
        dispatch.say(admin, "Оператор " + id.get() + " отключён.");
        dispatch.say(id.get(), "Администратор отключил вас как оператора.");
    }

    private void listOperators(long admin) {
        List<Operator> all = operators.all();
        String list = all.isEmpty() ? "Операторов нет." : all.stream()
                .map(o -> o.id() + " " + o.name() + " — " + statusName(o.status())
                        + (o.receivesOffers() ? ", на месте" : ""))
                .collect(Collectors.joining("\n"));
        dispatch.say(admin, list);
    }

    private void available(long user) {
        if (!operators.setAvailable(user, true)) {
            dispatch.say(user, "Вы не одобрены как оператор.");
            return;
        }
        dispatch.say(user, "Вы на месте: будете получать чаты. /away — отойти.");
        dispatch.offerWaiting(user);
    }

    private void away(long user) {
        operators.setAvailable(user, false);
        dispatch.say(user, "Вы отошли: новые чаты приходить не будут. Взятые чаты остаются у вас.");
    }

    private void finish(long user, TelegramUpdate.Message message) {
        resolveChat(user, message).ifPresent(chat -> {
            if (chats.release(chat.token(), user, notice(OperatorTexts.VISITOR_FINISHED), false, clock.instant())) {
                dispatch.say(user, "Чат #" + chat.ref() + " завершён.");
            } else {
                dispatch.say(user, "Чат #" + chat.ref() + " уже не у вас.");
            }
        });
    }

    private void relay(long user, TelegramUpdate.Message message, String text) {
        Optional<Operator> operator = operators.find(user);
        if (operator.isEmpty() || !operator.get().approved()) {
            dispatch.say(user, "Чтобы стать оператором, отправьте /start.");
            return;
        }
        resolveChat(user, message).ifPresent(chat -> chats.addForVisitor(chat.token(),
                List.of(ChatMessage.create(Author.OPERATOR, text, clock.instant()))));
    }

    /**
     * The chat an operator's message is about: the one the replied-to bot message belongs to, else the
     * operator's only chat; otherwise the operator is told what to do and the result is empty.
     */
    private Optional<Chat> resolveChat(long user, TelegramUpdate.Message message) {
        TelegramUpdate.Message repliedTo = message.replyToMessage();
        if (repliedTo != null && repliedTo.messageId() != null) {
            Optional<String> ref = sentMessages.chatRefOf(user, repliedTo.messageId());
            if (ref.isPresent()) {
                Optional<Chat> chat = chats.findByRef(ref.get());
                if (chat.isPresent() && chat.get().heldBy(user)) {
                    return chat;
                }
                dispatch.say(user, "Чат #" + ref.get() + " не у вас. Возьмите его кнопкой «" + OperatorTexts.TAKE_BUTTON + "».");
                return Optional.empty();
            }
        }
        List<Chat> held = chats.heldBy(user);
        if (held.size() == 1) {
            return Optional.of(held.get(0));
        }
        if (held.isEmpty()) {
            dispatch.say(user, "У вас нет активных чатов.");
        } else {
            dispatch.say(user, "У вас несколько чатов ("
                    + held.stream().map(c -> "#" + c.ref()).collect(Collectors.joining(", "))
                    + "). Ответьте (reply) на сообщение нужного чата.");
        }
        return Optional.empty();
    }

    private void onCallback(TelegramUpdate.CallbackQuery query) {
        if (query.id() == null || query.from() == null || query.from().id() == null) {
            return;
        }
        long user = query.from().id();
        String answer;
        try {
            // Telegram never sends more than 64 bytes; anything longer is not Telegram and must not reach a key.
            Validate.maxBytes("callback_data", query.data() == null ? "" : query.data(),
                    Validate.TELEGRAM_CALLBACK_DATA_BYTES);
            answer = CallbackData.parse(query.data())
                    .map(data -> switch (data.action()) {
                        case CallbackData.TAKE -> take(query.from(), data.ref());
                        case CallbackData.RETURN_TO_AI -> returnToAi(user, data.ref());
                        default -> "Неизвестное действие.";
                    })
                    .orElse("Неизвестное действие.");
        } catch (RuntimeException e) {
            // Answered even then: otherwise the button keeps spinning in the operator's client.
            outbox.send(OutboxMessage.of(TelegramCall.answerCallbackQuery(query.id(), "Не получилось, попробуйте ещё раз.")));
            throw e;
        }
        outbox.send(OutboxMessage.of(TelegramCall.answerCallbackQuery(query.id(), answer)));
    }

    private String take(TelegramUpdate.User from, String ref) {
        long user = from.id();
        Optional<Operator> operator = operators.find(user);
        if (operator.isEmpty() || !operator.get().approved()) {
            return "Вы не одобрены как оператор.";
        }
        Optional<Chat> found = chats.findByRef(ref);
        if (found.isEmpty()) {
            return "Чат не найден.";
        }
        Chat chat = found.get();
        if (chat.heldBy(user)) {
            return "Чат уже ваш.";
        }
        Instant now = clock.instant();
        if (!chats.claim(chat.token(), user, now)) {
            return chat.mode() == ChatMode.AI ? "Чат уже вернулся к ассистенту." : "Чат уже взят другим оператором.";
        }
        LOG.info("Chat {} taken by operator {}", ref, user);
        chats.addForVisitor(chat.token(), List.of(notice(OperatorTexts.VISITOR_OPERATOR_CONNECTED)));
        StringBuilder text = new StringBuilder("Вы взяли чат #" + ref + ". Пишите — ответ уйдёт посетителю. "
                + "/finish — завершить.");
        List<ChatMessage> since = OperatorDispatch.visitorMessagesSince(chats.transcript(chat.token()), chat.changedAt());
        if (!since.isEmpty()) {
            text.append("\n\nНовые сообщения посетителя:");
            since.forEach(m -> text.append("\n— ").append(m.text()));
            // Shown here: their queued reply jobs (waiting for the hand-off) must not forward them again.
            since.forEach(m -> chats.markForwarded(chat.token(), m.id(), now));
        }
        String confirmation = text.length() > OperatorDispatch.PART_LIMIT
                ? text.substring(0, OperatorDispatch.PART_LIMIT) : text.toString();
        dispatch.sendTranscript(user, chat);
        dispatch.tell(user, ref, confirmation, List.of(new Button(OperatorTexts.RETURN_BUTTON, CallbackData.returnToAi(ref))));
        // The others' boards drop the chat (one edit each, coalesced), instead of one more message per take.
        dispatch.refreshBoards();
        return "Чат ваш.";
    }

    private String returnToAi(long user, String ref) {
        Optional<Chat> chat = chats.findByRef(ref);
        if (chat.isEmpty() || !chat.get().heldBy(user)) {
            return "Чат не у вас.";
        }
        if (!chats.release(chat.get().token(), user, notice(OperatorTexts.VISITOR_BACK_TO_AI), true, clock.instant())) {
            return "Чат уже не у вас.";
        }
        dispatch.say(user, "Чат #" + ref + " возвращён ассистенту.");
        return "Чат возвращён ассистенту.";
    }

    private ChatMessage notice(String text) {
        return ChatMessage.create(Author.SYSTEM, text, clock.instant());
    }

    private void admin(long user, Runnable action) {
        if (admins.contains(user)) {
            action.run();
        } else {
            dispatch.say(user, "Команда только для администраторов.");
        }
    }

    private void approved(long user, Runnable action) {
        if (operators.find(user).filter(Operator::approved).isPresent()) {
            action.run();
        } else {
            dispatch.say(user, "Вы не одобрены как оператор. /start — подать заявку.");
        }
    }

    private Optional<Long> parseId(long admin, String argument) {
        try {
            return Optional.of(Long.parseLong(argument));
        } catch (NumberFormatException e) {
            dispatch.say(admin, "Укажите id: например, /approve 123456789");
            return Optional.empty();
        }
    }

    private static String statusName(OperatorStatus status) {
        return switch (status) {
            case CANDIDATE -> "ожидает одобрения";
            case APPROVED -> "одобрен";
            case DISABLED -> "отключён";
        };
    }
}
