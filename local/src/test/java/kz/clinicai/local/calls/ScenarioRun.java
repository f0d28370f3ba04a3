package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.sandbox.voximplant.scenario.Callee;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession;
import org.graalvm.polyglot.Engine;

/**
 * Runs the repo's scenario alone in the simulated VoxEngine (no platform stack) against a webhook the test serves:
 * the script as deployed (its webhook URL and key filled in), the simulator's VoxEngine prelude, one callee. Waits
 * until the session ends (a hang detector, not a timing assertion), checks it ended with no scenario error, then
 * hands the ended session to the test's own checks while the engine is still open.
 */
final class ScenarioRun {

    private ScenarioRun() {
    }

    static void run(String name, int webhookPort, double timeScale, Callee callee, Duration hangAfter,
                    Consumer<ScenarioSession> checks) throws IOException {
        String script = Files.readString(ProjectRoot.find(Path.of("")).resolve("functions/calls/scenario/outbound-call.js"))
                .replace("{{WEBHOOK_URL}}", "http://127.0.0.1:" + webhookPort + "/")
                .replace("{{SCENARIO_KEY}}", "scenario-key");
        String prelude;
        try (InputStream in = ScenarioSession.class.getResourceAsStream("/kz/clinicai/local/sandbox/voximplant/voxengine.js")) {
            prelude = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            ScenarioSession session = new ScenarioSession(name, "c1", script, timeScale, "http://127.0.0.1:1/records",
                    phone -> callee, engine, () -> { }, "http://127.0.0.1:" + webhookPort + "/openai/v1");
            session.start(prelude);
            long deadline = System.nanoTime() + hangAfter.toNanos();
            while (!session.ended() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            assertThat(session.ended()).as(session.log().lines().toString()).isTrue();
            assertThat(session.log().texts("error")).isEmpty();
            checks.accept(session);
        }
    }
}
