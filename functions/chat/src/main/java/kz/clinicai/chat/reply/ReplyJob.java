package kz.clinicai.chat.reply;

import java.util.Objects;

/** The reply queue's message: answer visitor message {@code messageId} of chat {@code token}. */
public record ReplyJob(String token, String messageId) {

    public ReplyJob {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(messageId, "messageId");
    }
}
