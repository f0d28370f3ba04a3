package kz.clinicai.local.template;

import static kz.clinicai.local.template.ContractFixtures.check;
import static kz.clinicai.local.template.ContractFixtures.fixture;
import static kz.clinicai.local.template.ContractFixtures.loader;
import static kz.clinicai.local.template.ContractFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kz.clinicai.local.template.TemplateContract.Violation;
import org.junit.jupiter.api.Test;

/**
 * The template contract (see {@link TemplateContract}): the project's template.yaml keeps it, and a fixture wired right
 * breaks no rule. Each rule is proven by a fixture template under src/test/resources/contract/ that breaks it, one test
 * class per rule family: {@link TemplateFunctionRulesTest}, {@link TemplateWiringRulesTest},
 * {@link TemplateOperationsRulesTest}.
 */
class TemplateContractTest {

    /** Surefire runs in the module folder; the project's template sits one level up. */
    private static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");

    @Test
    void theProjectTemplateKeepsTheContract() {
        List<Violation> violations = check(PROJECT_TEMPLATE);

        assertThat(violations).withFailMessage(() -> report(PROJECT_TEMPLATE, violations)).isEmpty();
    }

    @Test
    void theProjectTemplateKeepsTheOperationsRules() {
        List<Violation> violations = TemplateContract.checkOperations(SamTemplate.load(PROJECT_TEMPLATE));

        assertThat(violations).withFailMessage(() -> report(PROJECT_TEMPLATE, violations)).isEmpty();
    }

    @Test
    void aTemplateWithEveryEventKindWiredRightHasNoViolations() {
        Path file = fixture("valid");
        SamTemplate template = SamTemplate.load(file);
        List<Violation> violations = TemplateContract.check(template, loader());

        assertThat(violations).withFailMessage(() -> report(file, violations)).isEmpty();
        // The fixture really exercises every kind: HttpApi (explicit and implicit API), function URL, SQS with and
        // without partial batch responses, Schedule and ScheduleV2.
        assertThat(template.functions()).flatExtracting(FunctionDef::events)
                .extracting(e -> e.getClass().getSimpleName() + (e instanceof EventSource.ScheduleSource s ? s.type()
                        : e instanceof EventSource.SqsSource q ? String.valueOf(q.reportBatchItemFailures()) : ""))
                .contains("HttpApiRoute", "SqsSourcetrue", "SqsSourcefalse", "ScheduleSourceSchedule",
                        "ScheduleSourceScheduleV2");
        assertThat(template.function("UrlFunction").orElseThrow().functionUrlAuthType()).contains("NONE");
    }
}
