package kz.clinicai.chat.operator;

import kz.clinicai.chat.conversation.Author;

/** What the bot says to operators and, about operators, to visitors. */
public final class OperatorTexts {

    static final String TAKE_BUTTON = "Взять чат";
    static final String RETURN_BUTTON = "Вернуть ИИ";

    public static final String VISITOR_HANDOFF = "Передаю разговор оператору — он ответит здесь, в этом чате.";
    public static final String VISITOR_NO_OPERATORS = "Сейчас все операторы заняты. Мы ответим, как только кто-нибудь освободится.";
    public static final String VISITOR_OPERATOR_CONNECTED = "Оператор подключился к чату.";
    public static final String VISITOR_BACK_TO_AI = "Оператор передал разговор ассистенту — можете продолжать.";
    public static final String VISITOR_NOBODY_TOOK = "Операторы сейчас не могут ответить — продолжает ассистент. "
            + "Если нужен человек, нажмите «Позвать оператора» ещё раз.";
    public static final String VISITOR_FINISHED = "Оператор завершил диалог. Если остались вопросы — напишите, вам ответит ассистент.";

    private OperatorTexts() {
    }

    static String offerHeader(String ref, String reason) {
        return "Чат #" + ref + " — переписка" + (reason == null || reason.isBlank() ? "." : ". Причина: " + reason);
    }

    static String visitorSays(String ref, String text) {
        return "#" + ref + " Посетитель: " + text;
    }

    static String authorName(Author author) {
        return switch (author) {
            case VISITOR -> "Посетитель";
            case GPT -> "Ассистент";
            case OPERATOR -> "Оператор";
            case SYSTEM -> "Система";
        };
    }

    static final String HELP = """
            Команды:
            /available — я на месте, присылать чаты
            /away — я отошёл
            /finish — завершить чат (ответом на его сообщение, если чатов несколько)
            Чтобы ответить посетителю, ответьте (reply) на сообщение его чата или просто напишите, если чат у вас один.""";

    static final String ADMIN_HELP = """
            Админ: /approve <id>, /disable <id>, /operators""";
}
