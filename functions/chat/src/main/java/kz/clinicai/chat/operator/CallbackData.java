package kz.clinicai.chat.operator;

import java.util.Optional;

/** Inline button payloads: {@code take:<ref>} and {@code ai:<ref>}, far below Telegram's 64 bytes. */
final class CallbackData {

    static final String TAKE = "take";
    static final String RETURN_TO_AI = "ai";

    private CallbackData() {
    }

    static String take(String ref) {
        return TAKE + ":" + ref;
    }

    static String returnToAi(String ref) {
        return RETURN_TO_AI + ":" + ref;
    }

    record Parsed(String action, String ref) {
    }

    static Optional<Parsed> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        int colon = data.indexOf(':');
        if (colon <= 0 || colon == data.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(data.substring(0, colon), data.substring(colon + 1)));
    }
}
