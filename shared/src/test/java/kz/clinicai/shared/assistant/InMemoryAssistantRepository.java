package kz.clinicai.shared.assistant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The in-memory twin of {@link DynamoDbAssistantRepository}: every version kept, the latest readable by name and by
 * id, one id per name for all its versions, a draft the API would refuse is refused here too. Saves are serialised,
 * so the version conflict the real one can raise under concurrency never happens here (the contract allows both).
 * Proven against DynamoDB Local by local's {@code AssistantRepositoryContract}.
 */
public final class InMemoryAssistantRepository implements AssistantRepository {
    /** Versions per name, oldest first. */
    private final Map<String, List<AssistantConfig>> byName = new HashMap<>();

    @Override
    public synchronized Optional<AssistantConfig> latestByName(String name) {
        List<AssistantConfig> versions = byName.get(name);
        return versions == null ? Optional.empty() : Optional.of(versions.getLast());
    }

    @Override
    public synchronized Optional<AssistantConfig> latestById(String id) {
        return byName.values().stream().map(List::getLast)
                .filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Optional<AssistantConfig> version(String name, int version) {
        return byName.getOrDefault(name, List.of()).stream().filter(c -> c.version() == version).findFirst();
    }

    @Override
    public synchronized AssistantConfig saveNewVersion(AssistantDraft draft, Instant now) {
        draft.refusal(LocalDate.ofInstant(now, ZoneOffset.UTC)).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        List<AssistantConfig> versions = byName.getOrDefault(draft.name(), new ArrayList<>());
        String id = versions.isEmpty() ? "asst_" + UUID.randomUUID().toString().replace("-", "")
                : versions.getFirst().id();
        AssistantConfig config = new AssistantConfig(id, draft.name(), versions.size() + 1, draft.model(),
                draft.instructions(), draft.temperature(), draft.topP(), now);
        versions.add(config);
        byName.put(draft.name(), versions);
        return config;
    }

    /** Test instrument: whether anything was ever saved. */
    public synchronized boolean isEmpty() {
        return byName.isEmpty();
    }
}
