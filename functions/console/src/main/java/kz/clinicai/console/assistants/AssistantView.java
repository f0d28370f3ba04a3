package kz.clinicai.console.assistants;

import java.time.Instant;
import java.util.List;
import kz.clinicai.shared.assistant.AssistantConfig;

/** One assistant version as pages and the API show it: the shared config plus the console's vector stores. */
public record AssistantView(String id, String name, int version, String model, String instructions,
                            Double temperature, Double topP, List<String> vectorStoreIds, Instant updatedAt) {

    static AssistantView of(AssistantConfig c, List<String> vectorStoreIds) {
        return new AssistantView(c.id(), c.name(), c.version(), c.model(), c.instructions(), c.temperature(),
                c.topP(), vectorStoreIds, c.updatedAt());
    }

    public String temperatureText() {
        return AssistantForm.format(temperature);
    }

    public String topPText() {
        return AssistantForm.format(topP);
    }
}
