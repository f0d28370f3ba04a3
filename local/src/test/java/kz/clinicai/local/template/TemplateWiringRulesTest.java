package kz.clinicai.local.template;

import static kz.clinicai.local.template.ContractFixtures.assertViolation;
import static kz.clinicai.local.template.ContractFixtures.check;
import static kz.clinicai.local.template.ContractFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kz.clinicai.local.template.TemplateContract.Violation;
import org.junit.jupiter.api.Test;

/**
 * Wiring between resources ({@link ReferenceRules}, {@link QueueRules}, {@link HttpApiRules}): references, SQS
 * consumers, HTTP API routes and CORS, each broken by a fixture under src/test/resources/contract/.
 */
class TemplateWiringRulesTest {

    @Test
    void referencesMustPointAtDeclaredResourcesAndParameters() {
        List<Violation> violations = check(fixture("references"));

        assertViolation(violations, "PolicyFunction", "refers to MissingTable, which the template does not declare");
        assertViolation(violations, "PolicyFunction", "refers to MissingQueue");
        assertViolation(violations, "Files", "refers to Prefix");
        assertViolation(violations, "Files", "DependsOn Nowhere");
        assertViolation(violations, "Uploads", "has Condition NoSuchCondition");
        assertViolation(violations, "GhostArn", "output refers to GhostFunction");
        assertViolation(violations, "Either", "output uses condition UndeclaredCondition");
        assertViolation(violations, "IsBig", "condition refers to Size");
        assertViolation(violations, "Globals", "refers to MissingOwner");
        assertViolation(violations, "SelfCallingFunction", "refers to Api, which routes to it: a circular dependency");
        // Stage, AWS::AccountId and a Ref to a declared bucket are fine.
        assertThat(violations).hasSize(10);
    }

    @Test
    void sqsConsumersNeedADeadLetterQueueAndALongEnoughVisibilityTimeout() {
        List<Violation> violations = check(fixture("sqs"));

        assertViolation(violations, "NoDlqQueue", "has no DLQ", "NoDlqFunction");
        assertViolation(violations, "LowCountQueue", "maxReceiveCount 3 is under 5", "LowCountFunction");
        assertViolation(violations, "ShortQueue", "VisibilityTimeout 60 s is under 6 x the Timeout of "
                + "ShortVisibilityFunction (30 s) = 180 s");
        assertViolation(violations, "ForeignDlqQueue", "deadLetterTargetArn is not a queue of this template");
        assertViolation(violations, "ExternalQueueFunction", "SQS event Work: Queue is not a queue of this template");
        assertViolation(violations, "TableQueueFunction", "Queue Sessions is not a queue of this template");
        assertThat(violations).hasSize(6);
    }

    @Test
    void httpApiRoutesMustBeOnesApiGatewayHoldsOnceAndCorsMustAllowTheHandlersHeaders() {
        List<Violation> violations = check(fixture("routes"));

        assertViolation(violations, "SlashFunction", "HttpApi event Post: Path /gpt/ ends in '/'", "declare /gpt");
        assertViolation(violations, "SecondFunction", "HttpApi event Again: route key GET /calls/{callId} on "
                + "StrictApi is already declared by FirstFunction event Get");
        assertViolation(violations, "SecondFunction", "HttpApi event(s) OtherApi on Api: CorsConfiguration."
                + "AllowHeaders lacks chat-token, which BrowserChatHandler requires");
        assertViolation(violations, "ImplicitFunction", "HttpApi event(s) Message on ServerlessHttpApi: the API "
                + "has no CorsConfiguration");
        // "/" itself, ANY beside GET, the same path on another API, and headers allowed case-insensitively are fine.
        assertThat(violations).hasSize(4);
    }
}
