package kz.clinicai.shared.sqs;

import java.util.Optional;

/**
 * The delivery facts of one record a handler may need: its id, its receipt (to re-time or re-queue it), how often it
 * was received (attempt counting without a field of our own) and its FIFO message group.
 */
public record SqsRecord(String messageId, String receiptHandle, int receiveCount, Optional<String> groupId) {
}
