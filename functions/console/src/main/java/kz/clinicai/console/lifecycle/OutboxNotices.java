package kz.clinicai.console.lifecycle;

import java.util.List;
import java.util.Map;
import kz.clinicai.shared.sqs.SqsSender;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Notices to the Telegram admins through the web chat's Telegram outbox queue, as call analytics sends its admin
 * notices: the outbox's send worker honours Telegram's flood control and retries, so a notice is not lost to a 429.
 * Message shape of the outbox ({@code kz.clinicai.chat.telegram.OutboxMessage}): {@code {"calls":[{"method":
 * "sendMessage","params":{…}}],"attempt":0}}.
 */
final class OutboxNotices implements ModelLifecycleCheck.AdminNotices {

    private final SqsSender<Map<String, Object>> outbox;
    private final List<Long> admins;

    OutboxNotices(SqsClient sqs, String queueUrl, List<Long> admins) {
        this.outbox = new SqsSender<>(sqs, queueUrl);
        this.admins = List.copyOf(admins);
    }

    @Override
    public void send(String text) {
        String clipped = text.length() > 4000 ? text.substring(0, 4000) + "…" : text; // sendMessage: ≤ 4096 chars
        for (long admin : admins) {
            outbox.send(Map.of("calls", List.of(Map.of("method", "sendMessage",
                    "params", Map.of("chat_id", admin, "text", clipped))), "attempt", 0));
        }
    }
}
