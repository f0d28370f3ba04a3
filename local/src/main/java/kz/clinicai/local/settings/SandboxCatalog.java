package kz.clinicai.local.settings;

import java.util.List;
import java.util.function.Supplier;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.sandbox.infoclinica.InfoClinicaService;
import kz.clinicai.local.sandbox.openai.OpenAiSandbox;
import kz.clinicai.local.sandbox.sheets.SheetsSandbox;
import kz.clinicai.local.sandbox.telegram.TelegramSandbox;
import kz.clinicai.local.sandbox.uis.UisService;
import kz.clinicai.local.sandbox.voximplant.VoximplantService;

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

    /** Every external service the platform talks to, with the variable that switches it to the real one. */
    public static SandboxCatalog platform() {
        return new SandboxCatalog(List.of(
                new Entry("openai", "OPENAI_API_KEY", OpenAiSandbox::new),
                new Entry("infoclinica", "INFOCLINICA_BASE_URL", InfoClinicaService::new),
                new Entry("uis", "UIS_ACCESS_TOKEN", UisService::new),
                new Entry("voximplant", "VOXIMPLANT_CREDENTIALS", VoximplantService::new),
                new Entry("telegram", "TELEGRAM_BOT_TOKEN", TelegramSandbox::new),
                new Entry("sheets", "GOOGLE_APPLICATION_CREDENTIALS", SheetsSandbox::new)));
    }

    public List<Entry> entries() {
        return entries;
    }
}
