package kz.clinicai.chat.reply;

import kz.clinicai.shared.sqs.SqsSender;

/**
 * {@link ReplyJobs} on the FIFO queue {@code CHAT_QUEUE_URL}: one message group per chat token, so one chat's
 * messages are answered in order while chats proceed in parallel; the message id deduplicates a retried send.
 */
public final class SqsReplyJobs implements ReplyJobs {

    private final SqsSender<ReplyJob> queue;

    public SqsReplyJobs(SqsSender<ReplyJob> queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(ReplyJob job) {
        queue.sendFifo(job, job.token(), job.messageId());
    }
}
