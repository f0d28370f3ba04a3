package kz.clinicai.chat.visitor;

import java.util.Optional;
import java.util.regex.Pattern;
import kz.clinicai.shared.http.ApiException;

/** The {@code chat-token} header: 16–128 chars of [A-Za-z0-9_-], chosen by the widget, naming the chat. */
final class ChatToken {

    static final String HEADER = "chat-token";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private ChatToken() {
    }

    static String require(Optional<String> header) {
        String token = header.map(String::strip).orElse("");
        if (token.isEmpty()) {
            throw ApiException.badRequest("missing_token", "Header chat-token is required");
        }
        if (!VALID.matcher(token).matches()) {
            throw ApiException.badRequest("invalid_token", "Header chat-token must be 16-128 chars of A-Z, a-z, 0-9, _ and -");
        }
        return token;
    }
}
