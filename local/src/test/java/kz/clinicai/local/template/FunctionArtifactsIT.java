package kz.clinicai.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.coldstart.ColdStartBench;
import kz.clinicai.local.coldstart.LambdaProcess;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function of template.yaml ships its own code package (built by {@code ./mvnw package}, the failsafe phase
 * comes after it), holding what its handler needs and nothing it never loads:
 * <ul>
 * <li>each CodeUri is {@code functions/<module>/target/lambda-<LogicalId>.zip}, one per function;</li>
 * <li>the handler class is in it, and the function starts from it alone — a fresh JVM through the Lambda runtime
 *     interface client, its environment pointed at the platform stack (LambdaProcess) — and answers its sample
 *     event without a function error;</li>
 * <li>functions that never call a model ship no OpenAI client (nor Kotlin, OkHttp), and are ≤ 20 MB.</li>
 * </ul>
 * Sizes are printed.
 */
class FunctionArtifactsIT {

    /** The functions that call a model (OPENAI_SECRET_NAME in their environment). */
    private static final Set<String> CALL_OPENAI = Set.of("VoicebotFunction", "ChatReplyWorkerFunction",
            "CallsWebhookFunction", "CallAnalysisWorkerFunction", "ConsoleFunction",
            "ModelLifecycleCheckFunction");
    /** Above 20 MB for a reason: the Sheets client's tree (Guava, Google HTTP/auth, OpenCensus) plus S3 links. */
    private static final Set<String> LARGE_WITHOUT_OPENAI = Set.of("SheetsWriterFunction");
    private static final long LEAN_LIMIT = 20L * 1024 * 1024;

    private static Path root;
    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        root = ProjectRoot.find(Path.of(""));
        template = SamTemplate.load(root.resolve("template.yaml"));
    }

    @Test
    void everyFunctionHasItsOwnZipWithItsHandlerAndOnlyModelFunctionsShipTheOpenAiClient() throws IOException {
        TreeMap<String, String> sizes = new TreeMap<>();
        List<String> codeUris = new ArrayList<>();
        for (FunctionDef f : template.functions()) {
            assertThat(f.codeUri()).as(f.logicalId())
                    .matches("functions/[a-z-]+/target/lambda-" + f.logicalId() + "\\.zip");
            codeUris.add(f.codeUri());
            Path zip = root.resolve(f.codeUri());
            assertThat(zip).as("%s: run ./mvnw package", f.logicalId()).isRegularFile();
            List<String> jars = new ArrayList<>();
            boolean handlerFound = false;
            String handlerEntry = f.handlerClass().replace('.', '/') + ".class";
            try (ZipFile file = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                    if (!entry.getName().endsWith(".jar")) {
                        continue;
                    }
                    jars.add(entry.getName());
                    try (var in = new java.util.zip.ZipInputStream(file.getInputStream(entry))) {
                        for (ZipEntry inner; (inner = in.getNextEntry()) != null; ) {
                            if (inner.getName().equals(handlerEntry)) {
                                handlerFound = true;
                            }
                        }
                    }
                }
            }
            assertThat(handlerFound).as("%s: %s in one of %s", f.logicalId(), handlerEntry, jars).isTrue();
            long size = Files.size(zip);
            sizes.put(f.logicalId(), String.format("%.1f MB, %d jars", size / 1048576.0, jars.size()));
            if (!CALL_OPENAI.contains(f.logicalId())) {
                assertThat(jars).as(f.logicalId() + " never calls OpenAI")
                        .noneMatch(j -> j.contains("openai-java") || j.contains("kotlin") || j.contains("okhttp")
                                || j.contains("okio"));
                if (!LARGE_WITHOUT_OPENAI.contains(f.logicalId())) {
                    assertThat(size).as(f.logicalId() + " size").isLessThanOrEqualTo(LEAN_LIMIT);
                }
            } else {
                assertThat(jars).as(f.logicalId() + " calls OpenAI").anyMatch(j -> j.contains("openai-java-core"));
            }
        }
        assertThat(codeUris).doesNotHaveDuplicates();
        sizes.forEach((f, s) -> System.out.printf("artifact %-28s %s%n", f, s));
    }

    @Test
    void everyFunctionStartsFromItsZipAloneThroughTheRuntimeInterfaceClientAndAnswers(@TempDir Path work)
            throws Exception {
        var stack = PlatformStackFixture.stack();
        List<String> failures = new ArrayList<>();
        for (FunctionDef f : template.functions()) {
            try {
                Path taskRoot = LambdaProcess.unpack(root.resolve(f.codeUri()), work.resolve(f.logicalId()));
                byte[] sample = java.nio.file.Files.readAllBytes(ColdStartBench.event(root, f.logicalId()));
                ColdStartBench.Run run = ColdStartBench.measure(stack, f, taskRoot, () -> sample, true, 0, work);
                // An HTTP answer is the handler's own: it must not be a 5xx (a class missing at run time is one).
                JsonNode answer = Json.mapper().readTree(run.firstAnswer().isBlank() ? "{}" : run.firstAnswer());
                int status = answer.path("statusCode").asInt(200);
                if (status >= 500) {
                    failures.add(f.logicalId() + " answered " + run.firstAnswer());
                }
                System.out.printf("started %-28s init %.0f ms, first (primed) %.0f ms, RSS %d MB%n", f.logicalId(),
                        run.initMs(), run.firstMs(), run.peakRssKb() / 1024);
            } catch (Exception | AssertionError e) {
                failures.add(f.logicalId() + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }
}
