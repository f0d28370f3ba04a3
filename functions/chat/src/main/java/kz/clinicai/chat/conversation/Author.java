package kz.clinicai.chat.conversation;

/** Who wrote a chat message; the name is the {@code user} field the widget (and the old front end) reads. */
public enum Author {
    VISITOR, GPT, OPERATOR, SYSTEM
}
