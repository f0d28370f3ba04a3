package kz.clinicai.console.lifecycle;

import static kz.clinicai.console.store.ConsoleTable.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model lifecycle check's rows in the console's table: {@code pk = models, sk = lifecycle} holds the last
 * check's {@link Findings} (JSON), which the console's banner and its save validation read;
 * {@code pk = models, sk = notice#<model>#<threshold>} is the claim that the Telegram notice of that model and
 * threshold went out (written once, conditionally, so a rerun or a second instance never sends it again).
 */
public final class DynamoDbLifecycleStore implements LifecycleStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLifecycleStore.class);
    static final String PK = "models";
    static final String SK = "lifecycle";

    private final ConsoleTable table;

    public DynamoDbLifecycleStore(ConsoleTable table) {
        this.table = table;
    }

    @Override
    public void save(Findings findings) {
        table.put(Map.of("pk", s(PK), "sk", s(SK), "checkedAt", s(findings.checkedAt().toString()),
                "findings", s(Json.write(findings))));
    }

    @Override
    public Optional<Findings> latest() {
        return table.get(PK, SK).map(i -> ConsoleTable.str(i, "findings")).flatMap(json -> {
            try {
                return Optional.of(Json.mapper().readValue(json, Findings.class));
            } catch (JsonProcessingException e) {
                LOG.warn("stored model lifecycle findings unreadable: {}", e.getOriginalMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean claimNotice(String model, int threshold, Instant at) {
        return table.putIfAbsent(Map.of("pk", s(PK), "sk", s(noticeSk(model, threshold)), "sentAt", s(at.toString())));
    }

    @Override
    public void releaseNotice(String model, int threshold) {
        table.delete(PK, noticeSk(model, threshold));
    }

    static String noticeSk(String model, int threshold) {
        return "notice#" + model + "#" + threshold;
    }
}
