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

/**
 * {@link ThreadStore} in the console table: {@code pk = thread#<conversation id>}: {@code sk = thread} (owner) and {@code sk = run#<response
 * id>} (assistant, whether its usage was recorded). Conversations hold what users typed, so the rows expire.
 */
public final class DynamoDbThreadStore implements ThreadStore {

    static final Duration KEEP = Duration.ofDays(30);

    private final ConsoleTable table;
    private final Clock clock;

    public DynamoDbThreadStore(ConsoleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void saveThread(String threadId, String owner) {
        table.put(Map.of("pk", s("thread#" + threadId), "sk", s("thread"), "owner", s(owner),
                "createdAt", s(clock.instant().toString()), "expiresAt", n(expires())));
    }

    @Override
    public boolean ownedBy(String threadId, String owner) {
        return table.get("thread#" + threadId, "thread").map(i -> owner.equals(str(i, "owner"))).orElse(false);
    }

    @Override
    public void saveRun(RunRecord run) {
        table.put(Map.of("pk", s("thread#" + run.threadId()), "sk", s("run#" + run.runId()),
                "assistantId", s(run.assistantId()), "assistantName", s(run.assistantName()), "owner", s(run.owner()),
                "expiresAt", n(expires())));
    }

    @Override
    public Optional<RunRecord> run(String threadId, String runId) {
        return table.get("thread#" + threadId, "run#" + runId).map(i -> new RunRecord(threadId, runId,
                str(i, "assistantId"), str(i, "assistantName"), str(i, "owner")));
    }

    @Override
    public void addPending(String threadId, String text) {
        table.put(Map.of("pk", s("thread#" + threadId), "sk", s("msg#" + clock.instant().toEpochMilli() + "#"
                + java.util.UUID.randomUUID()), "text", s(text), "expiresAt", n(expires())));
    }

    @Override
    public java.util.List<Pending> pending(String threadId) {
        return table.query("thread#" + threadId, "msg#").stream()
                .map(i -> new Pending(str(i, "sk"), str(i, "text"))).toList();
    }

    @Override
    public void clearPending(String threadId, java.util.List<Pending> sent) {
        sent.forEach(p -> table.delete("thread#" + threadId, p.key()));
    }

    @Override
    public boolean claimUsage(String threadId, String runId) {
        return table.claim("thread#" + threadId, "run#" + runId, "usageRecorded", AttributeValue.fromBool(true));
    }

    private long expires() {
        return clock.instant().plus(KEEP).getEpochSecond();
    }
}
