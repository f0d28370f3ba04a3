package kz.clinicai.shared.sqs;

import java.time.Duration;
import java.util.Objects;

/** What became of one queue record: the only three things a consumer can want. */
public sealed interface RecordResult {

    /** Handled: the record is deleted. */
    static RecordResult done() {
        return Done.INSTANCE;
    }

    /** Not handled yet: reported failed, the record comes back after the queue's visibility timeout. */
    static RecordResult retry() {
        return Retry.DEFAULT;
    }

    /** Not handled yet: reported failed and made visible again after {@code delay} (ChangeMessageVisibility). */
    static RecordResult retryAfter(Duration delay) {
        return new Retry(Objects.requireNonNull(delay, "delay"));
    }

    /** Can never succeed and is not worth the DLQ (the chat it answers is gone): deleted, logged with {@code why}. */
    static RecordResult drop(String why) {
        return new Drop(Objects.requireNonNull(why, "why"));
    }

    record Done() implements RecordResult {
        static final Done INSTANCE = new Done();
    }

    /** {@code after} null: the queue's own visibility timeout. */
    record Retry(Duration after) implements RecordResult {
        static final Retry DEFAULT = new Retry(null);
    }

    record Drop(String why) implements RecordResult {
    }
}
