package kz.clinicai.local.assistants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantDraft;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.assistant.AssistantVersionConflictException;
import kz.clinicai.shared.openai.ModelCapabilities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the voicebot, the chat, the console and the assistants API rely on from every {@link AssistantRepository},
 * run against the in-memory twin and against DynamoDB Local with the template's AssistantsTable (its byLatestId
 * index): versions are numbered 1, 2, … per name and never overwritten, one id per assistant found through the
 * latest version, a configuration the API would refuse is never stored, and concurrent saves never make two
 * versions with one number. Each test has names of its own.
 */
abstract class AssistantRepositoryContract {

    /** Milliseconds: both stores keep the instant's ISO text, and the service never needs finer. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** The table's live default (a reasoning model: no temperature, no top_p). */
    static final String MODEL = ModelCapabilities.standard().defaultModel("responses");
    /** A model family the table lets take temperature and top_p (Yandex's OpenAI-compatible API). */
    static final String SAMPLING_MODEL = "gpt://contract-folder/yandexgpt/latest";

    abstract AssistantRepository repository();

    AssistantRepository assistants;
    String name;

    @BeforeEach
    void newName() {
        assistants = repository();
        name = "contract-" + UUID.randomUUID();
    }

    static AssistantDraft draft(String name, String instructions) {
        return new AssistantDraft(name, MODEL, instructions, null, null);
    }

    @Test
    void anAssistantNeverSavedIsFoundNowhere() {
        assertThat(assistants.latestByName(name)).isEmpty();
        assertThat(assistants.latestById("asst_" + UUID.randomUUID().toString().replace("-", ""))).isEmpty();
        assertThat(assistants.version(name, 1)).isEmpty();
    }

    @Test
    void theFirstSaveIsVersionOneReadableByNameAndId() {
        AssistantConfig saved = assistants.saveNewVersion(new AssistantDraft(name, SAMPLING_MODEL,
                "Ты — помощник клиники", 0.3, 0.9), NOW);

        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.id()).isNotBlank();
        assertThat(saved.updatedAt()).isEqualTo(NOW);
        assertThat(saved).extracting(AssistantConfig::name, AssistantConfig::model, AssistantConfig::instructions,
                AssistantConfig::temperature, AssistantConfig::topP)
                .containsExactly(name, SAMPLING_MODEL, "Ты — помощник клиники", 0.3, 0.9);
        assertThat(assistants.latestByName(name)).contains(saved);
        assertThat(assistants.latestById(saved.id())).contains(saved);
        assertThat(assistants.version(name, 1)).contains(saved);
    }

    @Test
    void aNewVersionKeepsTheIdAndTheOldVersionsStayReadable() {
        AssistantConfig first = assistants.saveNewVersion(new AssistantDraft(name, SAMPLING_MODEL, "первая", 0.2,
                null), NOW);
        AssistantConfig second = assistants.saveNewVersion(new AssistantDraft(name, MODEL, "вторая", null, null),
                NOW.plusSeconds(60));

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.temperature()).as("null stays the model's default").isNull();
        assertThat(second.model()).isEqualTo(MODEL);
        assertThat(assistants.latestByName(name)).contains(second);
        assertThat(assistants.latestById(first.id())).as("the id finds the latest version").contains(second);
        assertThat(assistants.version(name, 1)).contains(first);
        assertThat(assistants.version(name, 2)).contains(second);
        assertThat(assistants.version(name, 3)).isEmpty();
    }

    @Test
    void eachNameIsAnAssistantOfItsOwn() {
        AssistantConfig a = assistants.saveNewVersion(draft(name, "a"), NOW);
        AssistantConfig b = assistants.saveNewVersion(draft(name + "-b", "b"), NOW);

        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(b.version()).isEqualTo(1);
        assertThat(assistants.latestById(b.id()).map(AssistantConfig::name)).contains(name + "-b");
        assertThat(assistants.latestByName(name)).contains(a);
    }

    @Test
    void aConfigurationTheApiWouldRefuseIsNotStored() {
        // A reasoning model refuses temperature on every call (the model table says which models reason).
        AssistantDraft refused = new AssistantDraft(name, MODEL, "инструкции", 0.2, null);
        assertThat(refused.refusal(NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate())).isPresent();

        assertThatThrownBy(() -> assistants.saveNewVersion(refused, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(assistants.latestByName(name)).isEmpty();
        assertThat(assistants.version(name, 1)).isEmpty();
    }

    @Test
    void concurrentSavesOfOneNameNeverShareAVersionNumber() throws Exception {
        int writers = 6;
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Integer> versions = new ArrayList<>();
        try {
            List<Future<Optional<AssistantConfig>>> saves = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String instructions = "writer " + i;
                saves.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return Optional.of(assistants.saveNewVersion(draft(name, instructions), NOW));
                    } catch (AssistantVersionConflictException e) {
                        return Optional.empty();
                    }
                }));
            }
            ready.await();
            go.countDown();
            for (Future<Optional<AssistantConfig>> save : saves) {
                save.get().ifPresent(c -> versions.add(c.version()));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(versions).isNotEmpty().doesNotHaveDuplicates();
        int latest = assistants.latestByName(name).orElseThrow().version();
        assertThat(latest).isEqualTo(versions.stream().mapToInt(Integer::intValue).max().orElseThrow());
        for (int v = 1; v <= latest; v++) {
            assertThat(assistants.version(name, v)).as("version %d", v).isPresent();
        }
        assertThat(versions).as("every stored version was a save that returned").hasSize(latest);
    }
}
