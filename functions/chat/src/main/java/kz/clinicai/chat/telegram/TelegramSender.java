package kz.clinicai.chat.telegram;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import kz.clinicai.shared.sqs.RecordResult;
import kz.clinicai.shared.sqs.SqsBatch;
import kz.clinicai.shared.sqs.SqsRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued Bot API calls. A 429 never drops a message and never uses up the queue's receives: the message
 * (or its unsent rest) is queued again with Telegram's {@code retry_after} as its delay and its attempt counter
 * raised, the original is done; the rest of the batch is put back the same way, unattempted, instead of hammering
 * a limit already reached. Only failures that are not flood control (Telegram unreachable, 5xx) count as receives
 * toward the DLQ. Board messages ({@link OutboxMessage#board}) are rendered when sent, so a burst of hand-offs
 * becomes one message and a few edits.
 */
public final class TelegramSender {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramSender.class);
    // Without a retry_after (network errors, 5xx) a part-sent message waits this long before its rest goes out.
    static final Duration TRANSIENT_DELAY = Duration.ofSeconds(5);
    // Hand-offs arrive in bursts: refreshing a board a moment later lets one render cover all of them.
    public static final Duration BOARD_DELAY = Duration.ofSeconds(2);
    /** Flood-control re-timings before a message is given up to the DLQ (hours of 429s: something is wrong). */
    static final int MAX_RATE_LIMITED_ATTEMPTS = 200;

    private final TelegramClient telegram;
    private final TelegramOutbox outbox;
    private final SentMessageLog sentMessages;
    private final Clock clock;
    private final BoardRefresher boards;
    private final SqsBatch<OutboxMessage> batch;

    TelegramSender(TelegramClient telegram, TelegramOutbox outbox, SentMessageLog sentMessages, Clock clock) {
        this(telegram, outbox, sentMessages, clock, operatorId -> {
            throw new IllegalStateException("No board refresher configured");
        });
    }

    public TelegramSender(TelegramClient telegram, TelegramOutbox outbox, SentMessageLog sentMessages, Clock clock,
                          BoardRefresher boards) {
        this.telegram = telegram;
        this.outbox = outbox;
        this.sentMessages = sentMessages;
        this.clock = clock;
        this.boards = boards;
        this.batch = new SqsBatch<>(OutboxMessage.class, outbox);
    }

    public SQSBatchResponse process(SQSEvent event) {
        // Per batch: once Telegram's flood control answered, how long the rest of the batch must wait (null: not yet).
        Duration[] limitedFor = {null};
        return batch.process(event, (message, record) -> {
            if (limitedFor[0] != null) {
                // Not attempted: back in the queue as it was, after the limit.
                return requeue(message, limitedFor[0], record)
                        ? RecordResult.done() : RecordResult.retryAfter(limitedFor[0]);
            }
            Outcome outcome = message.boardFor() != null ? refreshBoard(message, record) : send(message, record);
            limitedFor[0] = outcome.rateLimitedFor();
            return outcome.result();
        });
    }

    /** What becomes of the record, and how long Telegram's flood control holds the rest of the batch (or null). */
    private record Outcome(RecordResult result, Duration rateLimitedFor) {
        static final Outcome DONE = new Outcome(RecordResult.done(), null);
    }

    private Outcome refreshBoard(OutboxMessage message, SqsRecord record) {
        try {
            if (boards.refresh(message.boardFor()) == BoardRefresher.Result.LATER) {
                return requeue(message, BOARD_DELAY, record)
                        ? Outcome.DONE : new Outcome(RecordResult.retryAfter(BOARD_DELAY), null);
            }
            return Outcome.DONE;
        } catch (TelegramApiException e) {
            if (e.permanent()) {
                LOG.warn("Telegram refused a board update for good: {}", e.getMessage());
                return Outcome.DONE;
            }
            return retry(message, e, 0, record);
        }
    }

    private Outcome send(OutboxMessage message, SqsRecord record) {
        for (int i = 0; i < message.calls().size(); i++) {
            TelegramCall call = message.calls().get(i);
            try {
                JsonNode result = telegram.call(call);
                remember(message, call, result);
            } catch (TelegramApiException e) {
                if (e.permanent()) {
                    LOG.warn("Telegram refused {} for good, skipping it: {}", call.method(), e.getMessage());
                    continue;
                }
                return retry(message, e, i, record);
            }
        }
        return Outcome.DONE;
    }

    /** After a failed call {@code index}: re-time on flood control, else fail the record (or re-queue its rest). */
    private Outcome retry(OutboxMessage message, TelegramApiException e, int index, SqsRecord record) {
        OutboxMessage rest = index == 0 ? message : message.from(index);
        if (e.rateLimited()) {
            Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1));
            if (message.attempt() < MAX_RATE_LIMITED_ATTEMPTS && requeue(rest.nextAttempt(), wait, record)) {
                LOG.info("Telegram flood control: {} re-queued for {} s (attempt {})", describe(message),
                        wait.toSeconds(), message.attempt() + 1);
                return new Outcome(RecordResult.done(), wait);
            }
            LOG.warn("Telegram flood control: {} failed after {} attempts", describe(message), message.attempt());
            // Part sent: failing the record would send the first parts twice; only a whole message goes back.
            return new Outcome(index == 0 ? RecordResult.retryAfter(wait) : RecordResult.done(), wait);
        }
        if (index == 0) {
            LOG.warn("Telegram {} failed; the message will be retried: {}", describe(message), e.getMessage());
            return new Outcome(RecordResult.retry(), null);
        }
        // Part sent: only the rest goes back, or the operator would see the first parts twice.
        outbox.send(rest, TRANSIENT_DELAY);
        LOG.warn("Telegram {} failed after {} sent calls; the rest is re-queued: {}", describe(message), index,
                e.getMessage());
        return Outcome.DONE;
    }

    /** Queues {@code message} again after {@code delay}; false (the record must be re-timed instead) if that failed. */
    private boolean requeue(OutboxMessage message, Duration delay, SqsRecord record) {
        try {
            outbox.send(message, delay);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not re-queue outbox message {}: {}", record.messageId(), e.toString());
            return false;
        }
    }

    private static String describe(OutboxMessage message) {
        return message.boardFor() != null ? "board update" : message.calls().get(0).method();
    }

    private void remember(OutboxMessage message, TelegramCall call, JsonNode result) {
        if (message.routeRef() != null && "sendMessage".equals(call.method()) && result.has("message_id")) {
            sentMessages.record(result.path("chat").path("id").asLong(), result.path("message_id").asLong(),
                    message.routeRef(), clock.instant());
        }
    }
}
