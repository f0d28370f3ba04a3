package kz.clinicai.chat.conversation;

/** Who answers the visitor. */
public enum ChatMode {
    /** The model answers. */
    AI,
    /** Handed off: the model is silent, operators have been offered the chat. */
    WAITING_OPERATOR,
    /** One operator holds the chat. */
    OPERATOR
}
