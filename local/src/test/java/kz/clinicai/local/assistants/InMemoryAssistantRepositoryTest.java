package kz.clinicai.local.assistants;

import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.assistant.InMemoryAssistantRepository;

/** The in-memory twin under the same contract as DynamoDbAssistantRepositoryIT. */
class InMemoryAssistantRepositoryTest extends AssistantRepositoryContract {

    @Override
    AssistantRepository repository() {
        return new InMemoryAssistantRepository();
    }
}
