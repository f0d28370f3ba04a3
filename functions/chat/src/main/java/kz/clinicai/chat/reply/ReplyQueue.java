package kz.clinicai.chat.reply;

import java.time.Duration;

/** The reply queue seen from its consumer: a received job can be put back for a while. */
public interface ReplyQueue {

    /** Makes a received job visible again only after {@code delay} (its FIFO group waits with it). */
    void retryLater(String receiptHandle, Duration delay);
}
