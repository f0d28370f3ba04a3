package kz.clinicai.chat.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantDraft;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.assistant.InMemoryAssistantRepository;
import org.junit.jupiter.api.Test;

class StoredChatInstructionsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    /** The shared in-memory twin (AssistantRepositoryContract), counting reads so the test sees one per reply. */
    static final class Versions implements AssistantRepository {
        private final InMemoryAssistantRepository stored = new InMemoryAssistantRepository();
        int reads;

        void save(String name, String model, String instructions, Double temperature) {
            stored.saveNewVersion(new AssistantDraft(name, model, instructions, temperature, null), NOW);
        }

        @Override
        public Optional<AssistantConfig> latestByName(String name) {
            reads++;
            return stored.latestByName(name);
        }

        @Override
        public Optional<AssistantConfig> latestById(String id) {
            return stored.latestById(id);
        }

        @Override
        public Optional<AssistantConfig> version(String name, int version) {
            return stored.version(name, version);
        }

        @Override
        public AssistantConfig saveNewVersion(AssistantDraft draft, Instant now) {
            return stored.saveNewVersion(draft, now);
        }
    }

    private final ResourceChatInstructions builtIn =
            new ResourceChatInstructions("gpt-4.1-mini", ResourceChatInstructions.DEFAULT_RESOURCE);

    @Test
    void withoutAStoredConfigTheBuiltInAssistantAnswers() {
        StoredChatInstructions stored = new StoredChatInstructions(new Versions(), "chat", builtIn);

        ChatInstructions current = stored.current();

        assertThat(current.model()).isEqualTo("gpt-4.1-mini");
        assertThat(current.instructions()).isEqualTo(builtIn.instructions());
        assertThat(current.temperature()).isEqualTo(OptionalDouble.of(0.3));
    }

    @Test
    void theNewestVersionOfTheNamedConfigWinsAndAnEditTakesEffectOnTheNextReply() {
        Versions versions = new Versions();
        versions.save("voicebot", "gpt-4.1", "Голосовой бот", 0.1);
        versions.save("chat", "gpt-4.1-mini", "Первая версия", null);
        StoredChatInstructions stored = new StoredChatInstructions(versions, "chat", builtIn);

        assertThat(stored.current().instructions()).isEqualTo("Первая версия");
        assertThat(stored.current().temperature()).isEmpty();

        versions.save("chat", "gpt://folder/yandexgpt/latest", "Вторая версия", 0.7);
        ChatInstructions next = stored.current();

        assertThat(next.model()).isEqualTo("gpt://folder/yandexgpt/latest");
        assertThat(next.instructions()).isEqualTo("Вторая версия");
        assertThat(next.temperature()).isEqualTo(OptionalDouble.of(0.7));
    }

    @Test
    void oneReplyReadsTheStoreOnce() {
        Versions versions = new Versions();
        versions.save("chat", "gpt-4.1-mini", "i", 0.2);
        StoredChatInstructions stored = new StoredChatInstructions(versions, "chat", builtIn);

        ChatInstructions snapshot = stored.current();
        snapshot.model();
        snapshot.instructions();
        snapshot.temperature();
        snapshot.topP();

        assertThat(versions.reads).isEqualTo(1);
    }
}
