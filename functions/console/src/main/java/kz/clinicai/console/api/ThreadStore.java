package kz.clinicai.console.api;

import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.store.ConsoleTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Threads (OpenAI conversations) and runs (background responses) the API created, with their owner: a caller sees
 * only their own. {@code pk = thread#<conversation id>}: {@code sk = thread} (owner) and {@code sk = run#<response
 * id>} (assistant, whether its usage was recorded). Conversations hold what users typed, so the rows expire.
 */
public final class ThreadStore {

    static final Duration KEEP = Duration.ofDays(30);

    public record RunRecord(String threadId, String runId, String assistantId, String assistantName, String owner) {
    }

    private final ConsoleTable table;
    private final Clock clock;

    public ThreadStore(ConsoleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public void saveThread(String threadId, String owner) {
        table.put(Map.of("pk", s("thread#" + threadId), "sk", s("thread"), "owner", s(owner),
                "createdAt", s(clock.instant().toString()), "expiresAt", n(expires())));
    }

    public boolean ownedBy(String threadId, String owner) {
        return table.get("thread#" + threadId, "thread").map(i -> owner.equals(str(i, "owner"))).orElse(false);
    }

    public void saveRun(RunRecord run) {
        table.put(Map.of("pk", s("thread#" + run.threadId()), "sk", s("run#" + run.runId()),
                "assistantId", s(run.assistantId()), "assistantName", s(run.assistantName()), "owner", s(run.owner()),
                "expiresAt", n(expires())));
    }

    public Optional<RunRecord> run(String threadId, String runId) {
        return table.get("thread#" + threadId, "run#" + runId).map(i -> new RunRecord(threadId, runId,
                str(i, "assistantId"), str(i, "assistantName"), str(i, "owner")));
    }

    /** A user message waiting for the next run (the run passes it as input: a response needs one). */
    public record Pending(String key, String text) {
    }

    public void addPending(String threadId, String text) {
        table.put(Map.of("pk", s("thread#" + threadId), "sk", s("msg#" + clock.instant().toEpochMilli() + "#"
                + java.util.UUID.randomUUID()), "text", s(text), "expiresAt", n(expires())));
    }

    public java.util.List<Pending> pending(String threadId) {
        return table.query("thread#" + threadId, "msg#").stream()
                .map(i -> new Pending(str(i, "sk"), str(i, "text"))).toList();
    }

    public void clearPending(String threadId, java.util.List<Pending> sent) {
        sent.forEach(p -> table.delete("thread#" + threadId, p.key()));
    }

    /** True exactly once per run: the caller that wins records the run's usage. */
    public boolean claimUsage(String threadId, String runId) {
        try {
            table.update("thread#" + threadId, "run#" + runId, "SET usageRecorded = :t",
                    "attribute_exists(pk) AND attribute_not_exists(usageRecorded)", Map.of(":t",
                            AttributeValue.fromBool(true)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private long expires() {
        return clock.instant().plus(KEEP).getEpochSecond();
    }
}
