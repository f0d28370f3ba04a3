package kz.clinicai.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import kz.clinicai.local.template.TemplateContract.Violation;

/** The contract fixtures and how their violations are checked and reported, for the Template*Test classes. */
final class ContractFixtures {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "contract");

    private ContractFixtures() {
    }

    static Path fixture(String name) {
        return FIXTURES.resolve(name).resolve("template.yaml");
    }

    static ClassLoader loader() {
        return ContractFixtures.class.getClassLoader();
    }

    static List<Violation> check(Path file) {
        List<Violation> violations = TemplateContract.check(SamTemplate.load(file), loader());
        // One line per violation, so a failing build says exactly what to fix.
        System.out.println(report(file, violations));
        return violations;
    }

    static String report(Path file, List<Violation> violations) {
        return violations.size() + " template contract violation(s) in " + file + (violations.isEmpty() ? "" : ":\n")
                + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
    }

    /** The rendered line names the resource and says what is wrong. */
    static void assertViolation(List<Violation> violations, String resource, String... fragments) {
        assertThat(violations)
                .withFailMessage(() -> "expected a violation of " + resource + " saying " + List.of(fragments)
                        + ", got:\n" + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")))
                .anyMatch(v -> v.resource().equals(resource) && v.toString().contains(resource)
                        && List.of(fragments).stream().allMatch(v.message()::contains));
    }

    static void assertOnlyResources(List<Violation> violations, String... resources) {
        assertThat(violations).extracting(Violation::resource).containsOnly(resources);
    }
}
