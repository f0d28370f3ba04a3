package kz.clinicai.shared.assistant;

import java.time.Instant;
import java.util.Optional;

/** Versioned assistant configurations. */
public interface AssistantRepository {

    Optional<AssistantConfig> latestByName(String name);

    Optional<AssistantConfig> latestById(String id);

    Optional<AssistantConfig> version(String name, int version);

    /**
     * Stores {@code draft} as the next version of its name (version 1 and a new id when the name is new); earlier
     * versions stay readable.
     *
     * @throws AssistantVersionConflictException when a concurrent save took that version number
     * @throws IllegalArgumentException when {@link AssistantDraft#refusal} names a reason the API would refuse it (or soon will:
     *     a model shutting down within 30 days of {@code now})
     */
    AssistantConfig saveNewVersion(AssistantDraft draft, Instant now);
}
