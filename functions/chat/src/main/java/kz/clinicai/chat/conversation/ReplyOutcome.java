package kz.clinicai.chat.conversation;

/** What {@link ChatRepository#completeReply} did. */
public enum ReplyOutcome {
    /** The reply (and hand-off, if any) is stored. */
    STORED,
    /** The visitor's message had been answered already (a redelivered queue message): nothing written. */
    DUPLICATE,
    /** A hand-off was asked for but the chat had left AI mode meanwhile: nothing written. */
    NOT_IN_AI_MODE
}
