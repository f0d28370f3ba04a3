package kz.clinicai.chat.reply;

import java.util.Optional;
import kz.clinicai.chat.conversation.ChatTexts;

/**
 * What the model made of the conversation: a reply, a hand-off to an operator, or both (a goodbye, then the
 * hand-off).
 */
public record ModelAnswer(Optional<String> text, Optional<String> handoffReason) {

    public ModelAnswer {
        text = text.filter(t -> !t.isBlank()).map(String::strip);
        handoffReason = handoffReason.map(r -> r.isBlank() ? ChatTexts.get("reason.model") : r.strip());
    }

    public boolean isEmpty() {
        return text.isEmpty() && handoffReason.isEmpty();
    }
}
