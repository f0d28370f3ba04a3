package kz.clinicai.chat.reply;

/** The queue of visitor messages waiting for a reply. */
public interface ReplyJobs {

    void enqueue(ReplyJob job);
}
