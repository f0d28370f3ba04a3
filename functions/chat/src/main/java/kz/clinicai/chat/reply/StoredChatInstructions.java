package kz.clinicai.chat.reply;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantRepository;

/**
 * The site's assistant as the console last saved it (the newest version of a named assistant config), read for
 * every reply so an edit takes effect without a deploy. Until such a config exists the built-in one answers: a
 * fresh installation chats before anyone has opened the console.
 */
public final class StoredChatInstructions implements ChatInstructions {

    private final AssistantRepository assistants;
    private final String name;
    private final ChatInstructions fallback;

    public StoredChatInstructions(AssistantRepository assistants, String name, ChatInstructions fallback) {
        this.assistants = Objects.requireNonNull(assistants, "assistants");
        this.name = Objects.requireNonNull(name, "name");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** One read of the store: model, instructions and sampling of one reply come from the same version. */
    @Override
    public ChatInstructions current() {
        Optional<AssistantConfig> config = assistants.latestByName(name);
        return config.<ChatInstructions>map(Snapshot::new).orElse(fallback);
    }

    @Override
    public String model() {
        return current().model();
    }

    @Override
    public String instructions() {
        return current().instructions();
    }

    @Override
    public OptionalDouble temperature() {
        return current().temperature();
    }

    @Override
    public OptionalDouble topP() {
        return current().topP();
    }

    private record Snapshot(AssistantConfig config) implements ChatInstructions {
        @Override
        public String model() {
            return config.model();
        }

        @Override
        public String instructions() {
            return config.instructions();
        }

        @Override
        public OptionalDouble temperature() {
            return config.temperature() == null ? OptionalDouble.empty() : OptionalDouble.of(config.temperature());
        }

        @Override
        public OptionalDouble topP() {
            return config.topP() == null ? OptionalDouble.empty() : OptionalDouble.of(config.topP());
        }
    }
}
