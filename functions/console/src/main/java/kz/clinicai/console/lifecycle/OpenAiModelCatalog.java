package kz.clinicai.console.lifecycle;

import com.openai.client.OpenAIClient;
import com.openai.models.models.Model;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's {@code GET /v1/models} through openai-java: its {@link Model#shutdownDate()} is the documented
 * {@code shutdown_date} field (YYYY-MM-DD or null), so no additional-properties digging is needed.
 */
final class OpenAiModelCatalog implements ModelLifecycleCheck.ModelCatalog {

    private final OpenAIClient client;

    OpenAiModelCatalog(OpenAIClient client) {
        this.client = client;
    }

    @Override
    public Map<String, Optional<LocalDate>> listed() {
        Map<String, Optional<LocalDate>> out = new LinkedHashMap<>();
        for (Model m : client.models().list().autoPager()) {
            out.put(m.id(), m.shutdownDate());
        }
        return out;
    }
}
