package kz.clinicai.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml as AWS will see it: translated by the SAM translator (aws-sam-translator, which cfn-lint installs)
 * every HttpApi event must become a route of the generated HTTP API that API Gateway can hold, and cfn-lint must
 * pass. The local emulator reads the template directly, so only this test sees what a deployment would drop.
 * Skipped, saying why, where python3, cfn-lint or aws-sam-translator is missing.
 */
class SamTranslationTest {

    private static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");
    private static final Path SCRIPT = Path.of("src", "test", "python", "sam_routes.py");

    private static Run translation;

    record Run(int exit, String out) {
    }

    @BeforeAll
    static void translate() {
        translation = run("python3", SCRIPT.toString(), PROJECT_TEMPLATE.toString());
    }

    @Test
    void everyHttpApiEventBecomesARouteThatApiGatewayHolds() throws IOException {
        assumeTrue(translation != null, "python3 is not installed: SAM translation not checked");
        assumeTrue(translation.exit() != 3, "cfn-lint / aws-sam-translator not installed (pip install cfn-lint): "
                + translation.out().strip());
        assertThat(translation.exit()).as(translation.out()).isZero();
        JsonNode result = Json.mapper().readTree(translation.out());

        Set<String> routeKeys = new TreeSet<>();
        result.path("routes").forEach(r -> routeKeys.add(r.path("routeKey").asText()));
        List<String> expected = new ArrayList<>();
        SamTemplate template = SamTemplate.load(PROJECT_TEMPLATE);
        template.functions().forEach(f -> f.events(EventSource.HttpApiRoute.class).forEach(e ->
                expected.add(e.method() + " " + e.path())));

        assertThat(expected).isNotEmpty();
        assertThat(routeKeys).containsAll(expected);
        assertThat(result.path("events")).hasSize(expected.size());
        // HTTP APIs cannot hold a route path ending in "/": SAM leaves it in the OpenAPI body, and no route exists.
        assertThat(routeKeys).noneMatch(k -> k.endsWith("/") && !k.endsWith(" /"));
        // Each route's invoke permission names the same path (SAM trims a trailing slash there, silently).
        List<String> arns = new ArrayList<>();
        result.path("permissions").forEach(p -> arns.add(p.path("sourceArn").asText()));
        for (String key : expected) {
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "*");
            assertThat(arns).as(key).anyMatch(a -> a.endsWith("/" + (method.equals("ANY") ? "*" : method) + path));
        }
    }

    /**
     * Every file of the console's static resources (the favicon the layout links, its CSS and JS) is reachable
     * through a route of the translated HTTP API, matched as API Gateway matches: a {@code {name+}} parameter takes
     * the rest of the path, a {@code {name}} one segment. A file only the local emulator would serve fails here.
     */
    @Test
    void theConsolesStaticFilesHaveARouteInTheTranslatedApi() throws IOException {
        assumeTrue(translation != null, "python3 is not installed: SAM translation not checked");
        assumeTrue(translation.exit() != 3, "cfn-lint / aws-sam-translator not installed (pip install cfn-lint): "
                + translation.out().strip());
        JsonNode result = Json.mapper().readTree(translation.out());
        List<java.util.regex.Pattern> routes = new ArrayList<>();
        result.path("routes").forEach(r -> {
            String key = r.path("routeKey").asText();
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1);
            if (method.equals("GET") || method.equals("ANY")) {
                routes.add(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(path)
                        .replaceAll("\\{[^}]+\\+}", "\\\\E.+\\\\Q")
                        .replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")));
            }
        });
        Path statics = Path.of("..", "functions", "console", "src", "main", "resources", "static", "console");
        List<String> paths;
        try (var files = java.nio.file.Files.list(statics)) {
            paths = files.map(f -> "/console/static/" + f.getFileName()).sorted().toList();
        }
        assertThat(paths).contains("/console/static/favicon.svg");
        for (String path : paths) {
            assertThat(routes).as("GET " + path).anyMatch(r -> r.matcher(path).matches());
        }
    }

    @Test
    void cfnLintPasses() {
        Run lint = run("cfn-lint", PROJECT_TEMPLATE.toString());
        assumeTrue(lint != null, "cfn-lint is not installed (pip install cfn-lint): template not linted");

        assertThat(lint.exit()).as("cfn-lint template.yaml:%n%s", lint.out()).isZero();
    }

    /** Null when the program is not installed. */
    private static Run run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
            }
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
