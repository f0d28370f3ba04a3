package kz.clinicai.chat.telegram;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends queued Bot API calls. A 429 never drops a message and never uses up the queue's receives: the message
 * (or its unsent rest) is queued again with Telegram's {@code retry_after} as its delay and its attempt counter
 * raised, the original is done; the rest of the batch is put back the same way, unattempted, instead of hammering
 * a limit already reached. Only failures that are not flood control (Telegram unreachable, 5xx) count as receives
 * toward the DLQ. Board messages ({@link OutboxMessage#board}) are rendered when sent, so a burst of hand-offs
 * becomes one message and a few edits.
 */
public final class TelegramSender {

    private static final Logger LOG = LogManager.getLogger(TelegramSender.class);
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
    }

    public SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Duration limitedFor = null;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            OutboxMessage message;
            try {
                message = Json.mapper().readValue(record.getBody(), OutboxMessage.class);
            } catch (IOException | IllegalArgumentException e) {
                // Retrying cannot fix it; the DLQ keeps it for a look.
                LOG.error("Unreadable outbox message {}", record.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            if (limitedFor != null) {
                // Not attempted: back in the queue as it was, after the limit.
                if (!requeue(message, limitedFor, record)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
                continue;
            }
            Outcome outcome = message.boardFor() != null ? refreshBoard(message, record) : send(message, record);
            if (outcome.failed) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
            limitedFor = outcome.rateLimitedFor;
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private record Outcome(boolean failed, Duration rateLimitedFor) {
    }

    private Outcome refreshBoard(OutboxMessage message, SQSEvent.SQSMessage record) {
        try {
            if (boards.refresh(message.boardFor()) == BoardRefresher.Result.LATER) {
                return new Outcome(!requeue(message, BOARD_DELAY, record), null);
            }
            return new Outcome(false, null);
        } catch (TelegramApiException e) {
            if (e.permanent()) {
                LOG.warn("Telegram refused a board update for good: {}", e.getMessage());
                return new Outcome(false, null);
            }
            return retry(message, record, e, 0);
        }
    }

    private Outcome send(OutboxMessage message, SQSEvent.SQSMessage record) {
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
                return retry(message, record, e, i);
            }
        }
        return new Outcome(false, null);
    }

    /** After a failed call {@code index}: re-time on flood control, else fail the record (or re-queue its rest). */
    private Outcome retry(OutboxMessage message, SQSEvent.SQSMessage record, TelegramApiException e, int index) {
        OutboxMessage rest = index == 0 ? message : message.from(index);
        if (e.rateLimited()) {
            Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1));
            if (message.attempt() < MAX_RATE_LIMITED_ATTEMPTS && requeue(rest.nextAttempt(), wait, record)) {
                LOG.info("Telegram flood control: {} re-queued for {} s (attempt {})", describe(message),
                        wait.toSeconds(), message.attempt() + 1);
                return new Outcome(false, wait);
            }
            outbox.retryLater(record.getReceiptHandle(), wait);
            LOG.warn("Telegram flood control: {} failed after {} attempts", describe(message), message.attempt());
            return new Outcome(index == 0, wait);
        }
        if (index == 0) {
            LOG.warn("Telegram {} failed; the message will be retried: {}", describe(message), e.getMessage());
            return new Outcome(true, null);
        }
        // Part sent: only the rest goes back, or the operator would see the first parts twice.
        outbox.send(rest, TRANSIENT_DELAY);
        LOG.warn("Telegram {} failed after {} sent calls; the rest is re-queued: {}", describe(message), index,
                e.getMessage());
        return new Outcome(false, null);
    }

    /** Queues {@code message} again after {@code delay}; false (the record must fail instead) if that failed. */
    private boolean requeue(OutboxMessage message, Duration delay, SQSEvent.SQSMessage record) {
        try {
            outbox.send(message, delay);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not re-queue outbox message {}: {}", record.getMessageId(), e.toString());
            outbox.retryLater(record.getReceiptHandle(), delay);
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
