package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The local stack runs every function on {@code local}'s runtime classpath ({@code exec:exec -cp %classpath}), and
 * Maven keeps the scope of a dependency a module declares itself even when a dependency needs it at compile scope
 * ("scope not updated to compile"). So a library that {@code local} declares for its tests only is missing from the
 * stack although the function's zip has it: json-schema-validator declared {@code test} for OpenApiConformanceIT
 * made the call analytics worker fail on every analysis with NoClassDefFoundError
 * com/networknt/schema/SpecificationVersion. Tests and ITs run on the test classpath and never see this.
 */
class StackClasspathTest {

    private static final Path ROOT = ProjectRoot.find(Path.of(""));

    @Test
    void localDeclaresNothingTestOnlyThatAFunctionNeedsAtRuntime() throws Exception {
        Map<String, String> local = dependencies(ROOT.resolve("local/pom.xml"));
        List<String> hidden = new ArrayList<>();
        for (Path pom : productPoms()) {
            dependencies(pom).forEach((artifact, scope) -> {
                String localScope = local.get(artifact);
                if (neededAtRuntime(scope) && localScope != null && !neededAtRuntime(localScope)) {
                    hidden.add(artifact + " (" + ROOT.relativize(pom) + ": " + scope + ", local/pom.xml: "
                            + localScope + ")");
                }
            });
        }

        assertThat(hidden).as("dependencies the local stack's runtime classpath loses").isEmpty();
    }

    @Test
    void theCheckSeesTheFunctionsDependencies() throws Exception {
        // guards the test above against passing because it parsed nothing
        assertThat(dependencies(ROOT.resolve("functions/call-analytics/pom.xml")))
                .containsEntry("com.networknt:json-schema-validator", "compile");
        assertThat(dependencies(ROOT.resolve("local/pom.xml"))).containsKey("com.networknt:json-schema-validator");
    }

    private static boolean neededAtRuntime(String scope) {
        return scope.equals("compile") || scope.equals("runtime");
    }

    private static List<Path> productPoms() throws Exception {
        List<Path> poms = new ArrayList<>(List.of(ROOT.resolve("shared/pom.xml"), ROOT.resolve("functions/pom.xml")));
        try (Stream<Path> modules = Files.list(ROOT.resolve("functions"))) {
            modules.map(m -> m.resolve("pom.xml")).filter(Files::isRegularFile).sorted().forEach(poms::add);
        }
        return poms;
    }

    /** The project's own {@code <dependencies>} (not its dependencyManagement or profiles): groupId:artifactId[:classifier] → scope. */
    private static Map<String, String> dependencies(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        Map<String, String> out = new LinkedHashMap<>();
        Element deps = child(project, "dependencies");
        if (deps == null) {
            return out;
        }
        for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element dep && dep.getTagName().equals("dependency")) {
                String classifier = text(dep, "classifier", null);
                String type = text(dep, "type", "jar");
                String key = text(dep, "groupId", "") + ":" + text(dep, "artifactId", "")
                        + (classifier != null ? ":" + classifier : type.equals("test-jar") ? ":tests" : "");
                out.put(key, text(dep, "scope", "compile"));
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name, String fallback) {
        Element e = child(parent, name);
        return e == null ? fallback : e.getTextContent().trim();
    }
}
