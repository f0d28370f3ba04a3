package kz.clinicai.analytics.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;
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

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Long> adminChatIds;

    public TelegramOutboxNotifier(SqsClient sqs, String queueUrl, List<Long> adminChatIds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.adminChatIds = List.copyOf(adminChatIds);
    }

    @Override
    public void callFailed(String profileId, long callId, String reason) {
        String text = "Аналитика звонков: звонок " + callId + " (профиль " + profileId + ") не обработан: "
                + (reason.length() > 500 ? reason.substring(0, 500) + "…" : reason)
                + "\nПовторить: POST /analytics/profiles/" + profileId + "/calls/" + callId + "/retry";
        for (long chat : adminChatIds) {
            try {
                // The outbox's message shape (kz.clinicai.chat.telegram.OutboxMessage): calls, attempt (its 429 counter).
                String body = Json.mapper().writeValueAsString(Map.of("calls", List.of(Map.of("method", "sendMessage",
                        "params", Map.of("chat_id", chat, "text", text))), "attempt", 0));
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("Admin notice about call {} not queued: {}", callId, e.toString());
            }
        }
    }

    public static List<Long> parseIds(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(s -> s.matches("-?\\d+"))
                .map(Long::parseLong).toList();
    }
}
