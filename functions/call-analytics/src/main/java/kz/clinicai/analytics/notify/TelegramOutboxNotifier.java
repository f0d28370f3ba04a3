package kz.clinicai.analytics.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.clinicai.shared.sqs.SqsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Notices through the web chat's Telegram outbox queue (message shape {@code {"calls":[{"method":"sendMessage",
 * "params":{…}}],"attempt":0}): its send worker already honours Telegram's flood control (429 retry_after) and retries, so a
 * burst of failures never loses a notice nor gets the bot banned. Never fails the caller.
 */
public final class TelegramOutboxNotifier implements AdminNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramOutboxNotifier.class);
    /** The notice's wording (a resource, not code): %1$s the profile, %2$d the call, %3$s the reason. */
    private static final String CALL_FAILED = resource("call-failed.txt");

    private final SqsSender<Map<String, Object>> outbox;
    private final List<Long> adminChatIds;

    public TelegramOutboxNotifier(SqsClient sqs, String queueUrl, List<Long> adminChatIds) {
        this.outbox = new SqsSender<>(sqs, queueUrl);
        this.adminChatIds = List.copyOf(adminChatIds);
    }

    @Override
    public void callFailed(String profileId, long callId, String reason) {
        String text = String.format(Locale.ROOT, CALL_FAILED, profileId, callId,
                reason.length() > 500 ? reason.substring(0, 500) + "…" : reason);
        for (long chat : adminChatIds) {
            try {
                // The outbox's message shape (kz.clinicai.chat.telegram.OutboxMessage): calls, attempt (its 429 counter).
                outbox.send(Map.of("calls", List.of(Map.of("method", "sendMessage",
                        "params", Map.of("chat_id", chat, "text", text))), "attempt", 0));
            } catch (RuntimeException e) {
                LOG.warn("Admin notice about call {} not queued: {}", callId, e.toString());
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = TelegramOutboxNotifier.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the function's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Long> parseIds(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(s -> s.matches("-?\\d+"))
                .map(Long::parseLong).toList();
    }
}
