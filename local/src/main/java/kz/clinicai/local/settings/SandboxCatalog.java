package kz.clinicai.local.settings;

import java.util.List;
import java.util.function.Supplier;
import kz.clinicai.local.sandbox.SandboxService;

/**
 * The external services the sandbox can simulate. A service whose real-credential variable is set in the shell
 * is not simulated: its settings come from the {@code real.<name>.*} lines of local-stack.properties instead.
 */
public final class SandboxCatalog {

    /** @param realCredentialEnv the variable that, when set, means "use the real service" */
    public record Entry(String name, String realCredentialEnv, Supplier<SandboxService> factory) {
    }

    private final List<Entry> entries;

    public SandboxCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The platform's services, e.g. {@code new Entry("openai", "OPENAI_API_KEY", OpenAiSandbox::new)}. */
    public static SandboxCatalog platform() {
        return new SandboxCatalog(List.of(
                // the simulators are added here as they are merged
        ));
    }

    public List<Entry> entries() {
        return entries;
    }
}
