package kz.clinicai.local.template;

import static kz.clinicai.local.template.ContractFixtures.assertOnlyResources;
import static kz.clinicai.local.template.ContractFixtures.assertViolation;
import static kz.clinicai.local.template.ContractFixtures.fixture;
import static kz.clinicai.local.template.ContractFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kz.clinicai.local.template.TemplateContract.Violation;
import org.junit.jupiter.api.Test;

/**
 * The deployed shape ({@link SecretRules}, {@link IamRules}, {@link LogAndAlarmRules}): secrets, least privilege,
 * logs, dead-letter alarms, each broken by the operations fixture under src/test/resources/contract/.
 */
class TemplateOperationsRulesTest {

    @Test
    void operationsRulesCatchSecretsWildcardsUnusedScansLogsWithoutRetentionAndSilentDeadLetterQueues() {
        Path file = fixture("operations");
        List<Violation> violations = TemplateContract.checkOperations(SamTemplate.load(file));
        System.out.println(report(file, violations));

        assertViolation(violations, "Globals", "GLOBAL_TOKEN resolves a secret");
        assertViolation(violations, "SecretEnvFunction", "API_KEY resolves a secret", "SecretStore");
        assertViolation(violations, "WildcardFunction", "wildcard action dynamodb:*");
        assertViolation(violations, "WildcardRole", "wildcard action s3:Get*");
        assertViolation(violations, "WildcardFunction", "dynamodb:Scan (dynamodb:*)");
        assertViolation(violations, "ScanGrantFunction", "dynamodb:Scan (DynamoDBCrudPolicy)", "never scans");
        assertViolation(violations, "ScanGrantFunction", "dynamodb:Scan (dynamodb:Scan)");
        assertViolation(violations, "NoLogGroupFunction", "has no log group with a retention");
        assertViolation(violations, "ForeverLogGroup", "has no RetentionInDays");
        assertViolation(violations, "SilentDlq", "dead-letter queue without a CloudWatch alarm");
        // Fine*: a scanning module may hold Scan, a log group named /aws/lambda/<fn> counts, an alarmed DLQ is fine;
        // ForeverLogFunction's group exists but is reported itself (ForeverLogGroup), not the function.
        assertOnlyResources(violations, "Globals", "SecretEnvFunction", "WildcardFunction", "WildcardRole",
                "ScanGrantFunction", "NoLogGroupFunction", "ForeverLogGroup", "SilentDlq");
        assertThat(violations).hasSize(10);
    }
}
