package kz.clinicai.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * The deploy tooling against template.yaml: the bootstrap knows every secret the template names, and
 * samconfig.example.toml overrides only parameters the template has (a misspelt name would make sam deploy fail —
 * or worse, with --parameter-overrides in a script, be silently ignored by an old CLI).
 */
class DeployTemplateTest {

    private static final Path ROOT = ProjectRoot.find(Path.of(""));
    private static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve("template.yaml"));

    @Test
    void theBootstrapPlansEverySecretNameParameterOfTheTemplateAndNoOther() {
        Set<String> template = TEMPLATE.parameters().keySet().stream().filter(n -> n.endsWith("SecretName"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> planned = SecretPlan.secrets().stream().map(SecretPlan.Secret::parameter)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(template).hasSizeGreaterThanOrEqualTo(8);
        assertThat(planned).isEqualTo(template);
        SecretPlan.OPTIONAL_PARAMETERS.keySet().forEach(optional ->
                assertThat(TEMPLATE.parameters().get(optional).defaultValue()).as(optional).isNullOrEmpty());
        assertThat(TEMPLATE.parameters()).containsKey(SecretPlan.google().parameter());
    }

    @Test
    void everyParameterOfTheSamconfigExampleExistsInTheTemplate() throws Exception {
        String toml = Files.readString(ROOT.resolve("samconfig.example.toml"));
        Matcher block = Pattern.compile("(?s)parameter_overrides\\s*=\\s*\\[(.*?)]").matcher(toml);
        assertThat(block.find()).as("parameter_overrides = [ … ] in samconfig.example.toml").isTrue();
        Matcher pair = Pattern.compile("\"([A-Za-z0-9]+)=([^\"]*)\"").matcher(block.group(1));
        List<String> names = new ArrayList<>();
        Map<String, Object> declared = map(TEMPLATE.raw().get("Parameters"));
        while (pair.find()) {
            String name = pair.group(1);
            String value = pair.group(2);
            names.add(name);
            assertThat(declared).as("template.yaml parameters").containsKey(name);
            // What CloudFormation checks at deploy time, checked here before anyone deploys.
            Map<String, Object> p = map(declared.get(name));
            if (p.containsKey("AllowedValues")) {
                assertThat(((List<?>) p.get("AllowedValues")).stream().map(String::valueOf).toList())
                        .as("AllowedValues of " + name).contains(value);
            }
            if ("Number".equals(p.get("Type"))) {
                double n = Double.parseDouble(value);
                if (p.containsKey("MinValue")) {
                    assertThat(n).as("MinValue of " + name).isGreaterThanOrEqualTo(
                            Double.parseDouble(String.valueOf(p.get("MinValue"))));
                }
                if (p.containsKey("MaxValue")) {
                    assertThat(n).as("MaxValue of " + name).isLessThanOrEqualTo(
                            Double.parseDouble(String.valueOf(p.get("MaxValue"))));
                }
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
