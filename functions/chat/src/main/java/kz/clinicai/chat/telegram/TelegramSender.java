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
 * Sends queued Bot API calls. A 429 never drops a message: the one that hit it becomes visible again after
 * Telegram's {@code retry_after} (or its unsent rest is re-queued with that delay), and the rest of the batch
 * waits as well instead of hammering a limit already reached.
 */
public final class TelegramSender {

    private static final Logger LOG = LogManager.getLogger(TelegramSender.class);
    // Without a retry_after (network errors, 5xx) a part-sent message waits this long before its rest goes out.
    static final Duration TRANSIENT_DELAY = Duration.ofSeconds(5);

    private final TelegramClient telegram;
    private final TelegramOutbox outbox;
    private final SentMessageLog sentMessages;
    private final Clock clock;

    public TelegramSender(TelegramClient telegram, TelegramOutbox outbox, SentMessageLog sentMessages, Clock clock) {
        this.telegram = telegram;
        this.outbox = outbox;
        this.sentMessages = sentMessages;
        this.clock = clock;
    }

    public SQSBatchResponse process(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Duration limitedFor = null;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (limitedFor != null) {
                outbox.retryLater(record.getReceiptHandle(), limitedFor);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            OutboxMessage message;
            try {
                message = Json.mapper().readValue(record.getBody(), OutboxMessage.class);
            } catch (IOException | IllegalArgumentException e) {
                // Retrying cannot fix it; the DLQ keeps it for a look.
                LOG.error("Unreadable outbox message {}", record.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            Outcome outcome = send(message, record);
            if (outcome.failed) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
            limitedFor = outcome.rateLimitedFor;
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private record Outcome(boolean failed, Duration rateLimitedFor) {
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
                Duration wait = e.rateLimited() ? e.retryAfter().orElse(Duration.ofSeconds(1)) : null;
                if (i == 0) {
                    // Nothing sent yet: the queue message itself comes back, after retry_after on a 429.
                    if (wait != null) {
                        outbox.retryLater(record.getReceiptHandle(), wait);
                    }
                    LOG.warn("Telegram {} failed; the message will be retried: {}", call.method(), e.getMessage());
                    return new Outcome(true, wait);
                }
                // Part sent: only the rest goes back, or the operator would see the first parts twice.
                outbox.send(message.from(i), wait != null ? wait : TRANSIENT_DELAY);
                LOG.warn("Telegram {} failed after {} sent calls; the rest is re-queued: {}", call.method(), i,
                        e.getMessage());
                return new Outcome(false, wait);
            }
        }
        return new Outcome(false, null);
    }

    private void remember(OutboxMessage message, TelegramCall call, JsonNode result) {
        if (message.routeRef() != null && "sendMessage".equals(call.method()) && result.has("message_id")) {
            sentMessages.record(result.path("chat").path("id").asLong(), result.path("message_id").asLong(),
                    message.routeRef(), clock.instant());
        }
    }
}
