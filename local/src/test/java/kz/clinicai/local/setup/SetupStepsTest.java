package kz.clinicai.local.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.shared.config.Env;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SetupStepsTest {

    /** A setup command: records its arguments and what it read through Env. */
    public static final class RecordingMain {
        static final List<String> CALLS = new CopyOnWriteArrayList<>();

        public static void main(String[] args) {
            Env env = Env.current();
            CALLS.add(String.join(" ", args) + " token=" + env.required("BOT_TOKEN"));
        }
    }

    /** A setup command that fails. */
    public static final class FailingMain {
        public static void main(String[] args) {
            throw new IllegalStateException("Telegram error 404");
        }
    }

    private static final Map<String, String> VALUES = Map.of(SetupSteps.API_URL, "http://127.0.0.1:3000",
            "telegram.botToken", "1:T");

    @BeforeEach
    void clear() {
        RecordingMain.CALLS.clear();
    }

    private static String run(StackSettings settings, Set<String> simulated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SetupSteps(settings).run(VALUES, Map.of(), simulated, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStepRunsItsMainWithResolvedArgumentsAndItsOwnEnvironment() {
        StackSettings settings = new StackSettings(Map.of(
                "setup.hook.main", RecordingMain.class.getName(),
                "setup.hook.args", "${local.apiUrl}/telegram/webhook second",
                "setup.hook.env.BOT_TOKEN", "${telegram.botToken}",
                "setup.hook.simulated", "telegram"));

        String printed = run(settings, Set.of("telegram"));

        assertThat(RecordingMain.CALLS).containsExactly("http://127.0.0.1:3000/telegram/webhook second token=1:T");
        assertThat(printed).contains("Setup     hook: " + RecordingMain.class.getName());
    }

    @Test
    void aStepForAServiceThatIsRealOrWithAnUnknownSettingIsSkipped() {
        StackSettings settings = new StackSettings(Map.of(
                "setup.real.main", RecordingMain.class.getName(),
                "setup.real.env.BOT_TOKEN", "x",
                "setup.real.simulated", "telegram",
                "setup.unknown.main", RecordingMain.class.getName(),
                "setup.unknown.env.BOT_TOKEN", "${nobody.provides}"));

        String printed = run(settings, Set.of("openai"));

        assertThat(RecordingMain.CALLS).isEmpty();
        assertThat(printed).isEmpty();
    }

    @Test
    void aFailingStepIsReportedAndDoesNotStopTheOthers() {
        StackSettings settings = new StackSettings(Map.of(
                "setup.a-fails.main", FailingMain.class.getName(),
                "setup.b-works.main", RecordingMain.class.getName(),
                "setup.b-works.env.BOT_TOKEN", "t"));

        String printed = run(settings, Set.of());

        assertThat(printed).contains("Setup     a-fails FAILED: java.lang.IllegalStateException: Telegram error 404");
        assertThat(RecordingMain.CALLS).containsExactly(" token=t");
    }

    @Test
    void pagesResolveTheirPlaceholders() {
        StackSettings settings = new StackSettings(Map.of("page.Chat demo", "${local.apiUrl}/chat-demo/",
                "page.Hidden", "${nobody.provides}/x"));

        assertThat(new SetupSteps(settings).pages(VALUES, Map.of()))
                .containsExactly(Map.entry("Chat demo", "http://127.0.0.1:3000/chat-demo/"));
    }
}
