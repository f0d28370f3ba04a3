package kz.clinicai.calls.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scenario type-checks against Voximplant's official VoxEngine declarations ({@code ../shared/reference/voxengine.d.ts}
 * beside the project, never copied into it) with TypeScript from npm, pinned by {@code scenario/package-lock.json}
 * ({@code npm ci} when {@code node_modules} is missing). Options live in {@code scenario/tsconfig.json} (strict,
 * allowJs, checkJs, noEmit); the scenario types its module-level variables and handler parameters with JSDoc, so
 * every call on them is checked. Any error outside {@link #ALLOWED} fails the build; an allowed one that no longer
 * occurs fails it too, so the list cannot go stale.
 */
class ScenarioTypingsTest {

    /**
     * Declaration artefacts: errors that are the declarations' shortcoming, not the scenario's — each with its reason.
     * (The 75 errors tsc finds inside voxengine.d.ts itself — {@code declare module} for namespaces, Node's Buffer,
     * a duplicated joinUrl, an unresolved _RealtimeAPIEvents — are skipped by skipLibCheck: they are in the vendor file.)
     */
    static final Map<String, String> ALLOWED = Map.of(
            "TS2339: Property 'payload' does not exist on type 'Object'.",
            "OpenAI._RealtimeAPIEvent.data is declared as a plain Object, but Voximplant delivers the OpenAI server event "
                    + "in data.payload (Voximplant's Realtime examples and public scenarios read e.data.payload.transcript); "
                    + "read in one place, serverEvent(e)");

    private static final Pattern ERROR = Pattern.compile("^(.+?)\\((\\d+),(\\d+)\\): error (TS\\d+: .*)$");
    private static final Pattern DIRECTIVE = Pattern.compile("@ts-(ignore|nocheck|expect-error)");

    @Test
    void theScenarioTypeChecksAgainstTheOfficialDeclarations() throws Exception {
        Path root = projectRoot();
        Path scenario = root.resolve("functions/calls/scenario");
        Path declarations = root.getParent().resolve("shared/reference/voxengine.d.ts").normalize();
        assertThat(declarations).as("the official VoxEngine declarations beside the project (../shared/reference)")
                .isRegularFile();
        String tsconfig = Files.readString(scenario.resolve("tsconfig.json"));
        assertThat(scenario.resolve(tsconfig.replaceAll("(?s).*\"files\"\\s*:\\s*\\[\\s*\"([^\"]+)\".*", "$1")).normalize())
                .as("tsconfig.json checks against the same declarations").isEqualTo(declarations);
        for (String option : List.of("\"strict\": true", "\"allowJs\": true", "\"checkJs\": true", "\"noEmit\": true")) {
            assertThat(tsconfig).as("tsconfig.json keeps " + option).contains(option);
        }
        String script = Files.readString(scenario.resolve("outbound-call.js"));
        assertThat(DIRECTIVE.matcher(script).find()).as("no @ts-ignore / @ts-nocheck / @ts-expect-error in the scenario")
                .isFalse();

        if (!Files.isRegularFile(scenario.resolve("node_modules/typescript/bin/tsc"))) {
            Run install = run(scenario, 300, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.code).as("npm ci:\n" + install.output).isZero();
        }
        Run tsc = run(scenario, 300, "node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--pretty", "false");

        Map<String, List<String>> allowedSeen = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String line : tsc.output.split("\\R")) {
            if (!line.contains("error TS")) {
                continue;
            }
            Matcher m = ERROR.matcher(line);
            if (m.matches() && ALLOWED.containsKey(m.group(4)) && m.group(1).endsWith("outbound-call.js")) {
                allowedSeen.computeIfAbsent(m.group(4), k -> new ArrayList<>()).add(m.group(2));
            } else {
                unexpected.add(line);
            }
        }
        assertThat(unexpected).as("tsc errors in the scenario (exit " + tsc.code + "):\n" + tsc.output).isEmpty();
        assertThat(allowedSeen.keySet()).as("every allowed exception still occurs (else remove it from ALLOWED)")
                .containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        assertThat(allowedSeen.values().stream().mapToInt(List::size).sum())
                .as("each declaration artefact occurs once, in its one place").isEqualTo(ALLOWED.size());
    }

    private record Run(int code, String output) {
    }

    private static Run run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        // Output to a file: a full pipe would block the process until the timeout.
        Path out = Files.createTempFile("tsc", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took over " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
