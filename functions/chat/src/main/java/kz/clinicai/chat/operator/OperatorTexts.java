package kz.clinicai.chat.operator;

import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.ChatTexts;

/** What the bot says to operators and, about operators, to visitors. */
public final class OperatorTexts {

    static final String TAKE_BUTTON = "Взять чат";
    static final String RETURN_BUTTON = "Вернуть ИИ";

    // What visitors read about operators: resource texts (ChatTexts).
    public static final String VISITOR_HANDOFF = ChatTexts.get("visitor.handoff");
    public static final String VISITOR_NO_OPERATORS = ChatTexts.get("visitor.noOperators");
    public static final String VISITOR_OPERATOR_CONNECTED = ChatTexts.get("visitor.operatorConnected");
    public static final String VISITOR_BACK_TO_AI = ChatTexts.get("visitor.backToAi");
    public static final String VISITOR_NOBODY_TOOK = ChatTexts.get("visitor.nobodyTook");
    public static final String VISITOR_FINISHED = ChatTexts.get("visitor.finished");

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
