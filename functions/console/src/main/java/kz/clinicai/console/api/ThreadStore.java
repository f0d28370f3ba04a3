package kz.clinicai.console.api;

import java.util.List;
import java.util.Optional;

/**
 * Threads (OpenAI conversations) and runs (background responses) the API created, with their owner: a caller sees
 * only their own ({@link DynamoDbThreadStore}).
 */
public interface ThreadStore {

    record RunRecord(String threadId, String runId, String assistantId, String assistantName, String owner) {
    }

    /** A user message waiting for the next run (the run passes it as input: a response needs one). */
    record Pending(String key, String text) {
    }

    void saveThread(String threadId, String owner);

    boolean ownedBy(String threadId, String owner);

    void saveRun(RunRecord run);

    Optional<RunRecord> run(String threadId, String runId);

    void addPending(String threadId, String text);

    /** The thread's waiting messages, oldest first. */
    List<Pending> pending(String threadId);

    void clearPending(String threadId, List<Pending> sent);

    /** True exactly once per run: the caller that wins records the run's usage. */
    boolean claimUsage(String threadId, String runId);
}
