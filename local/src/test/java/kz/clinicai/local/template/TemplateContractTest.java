package kz.clinicai.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import kz.clinicai.local.template.TemplateContract.Violation;
import kz.clinicai.local.template.fixtures.PullJob;
import kz.clinicai.local.template.fixtures.QueueWorker;
import org.junit.jupiter.api.Test;

/**
 * The template contract (see {@link TemplateContract}): the project's template.yaml keeps it, and each rule is
 * proven by a fixture template under src/test/resources/contract/ that breaks it.
 */
class TemplateContractTest {

    /** Surefire runs in the module folder; the project's template sits one level up. */
    private static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");
    private static final Path FIXTURES = Path.of("src", "test", "resources", "contract");

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

    @Test
    void handlerClassesMustExistInTheirModuleAndTakeTheirEvents() {
        List<Violation> violations = check(fixture("handler"));

        assertViolation(violations, "MissingClassFunction", "DoesNotExist is not in module ../fixture-module");
        assertViolation(violations, "MissingClassFunction", "DoesNotExist does not load from the classpath");
        assertViolation(violations, "SourcelessFunction", "SourcelessHandler is not in module ../fixture-module");
        assertViolation(violations, "BadCodeUriFunction", "CodeUri function.zip is not <module>/target/function.zip");
        assertViolation(violations, "NotHandlerFunction", "implements neither RequestHandler nor RequestStreamHandler");
        assertViolation(violations, "WrongHttpFunction", "PlainSqsHandler is RequestHandler<"
                + SQSEvent.class.getName() + ", java.lang.Void>", "RequestHandler<APIGatewayV2HTTPEvent, ?>");
        assertViolation(violations, "NoBatchResponseFunction", "ReportBatchItemFailures",
                "must return SQSBatchResponse");
        assertViolation(violations, "MapScheduleFunction", "java.util.Map<java.lang.String, java.lang.Object>",
                "RequestHandler<ScheduledEvent, ?>");
        assertViolation(violations, "MixedFunction", "incompatible kinds (HttpApi/FunctionUrl, SQS)");
        assertOnlyResources(violations, "MissingClassFunction", "SourcelessFunction", "BadCodeUriFunction",
                "NotHandlerFunction", "WrongHttpFunction", "NoBatchResponseFunction", "MapScheduleFunction",
                "MixedFunction");
        assertThat(violations).hasSize(9);
    }

    @Test
    void environmentVariablesMustBeDeclaredExactlyWhereTheyAreRead() {
        List<Violation> violations = check(fixture("env"));

        assertViolation(violations, "UndeclaredFunction", "reads SECRET_NAME but the template does not declare it");
        assertViolation(violations, "UnusedFunction", "declares LEFTOVER_SETTING but no code reads it");
        assertViolation(violations, "FailingFunction", "constructing", "FailingInitHandler",
                "InvalidEnvironmentException", "TIMEOUT_SECONDS");
        assertViolation(violations, "NoConstructorFunction", "has no public no-arg constructor");
        assertThat(violations).hasSize(4);
    }

    @Test
    void sampleEventsMustDeserialiseIntoTheirFunctionsEventType() {
        List<Violation> violations = check(fixture("events"));

        assertViolation(violations, "HttpFunction", "events/HttpFunction-v1.json is not a HttpApi/FunctionUrl event",
                "version must be \"2.0\"", "no routeKey", "no rawPath", "no requestContext.http.method");
        assertViolation(violations, "HttpFunction", "events/HttpFunction-truncated.json does not deserialise into "
                + "APIGatewayV2HTTPEvent");
        assertViolation(violations, "QueueFunction", "events/QueueFunction-empty.json", "no Records");
        assertViolation(violations, "QueueFunction", "events/QueueFunction-nobody.json",
                "Records[0] has no messageId", "Records[0] has no body");
        assertViolation(violations, "PullFunction", "events/PullFunction.json",
                "detail-type must be \"Scheduled Event\"", "source must be \"aws.events\"");
        assertViolation(violations, "events/Orphan.json", "names no function of the template");
        assertThat(violations).noneMatch(v -> v.message().contains("QueueFunction.json"));
        assertThat(violations).hasSize(6);
    }

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
        // Stage, AWS::AccountId and a Ref to a declared bucket are fine.
        assertThat(violations).hasSize(9);
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

    @Test
    void typeArgumentsAreResolvedThroughSuperclassesAndInterfaces() {
        Type[] worker = TemplateContract.typeArguments(QueueWorker.class, RequestHandler.class);
        Type[] job = TemplateContract.typeArguments(PullJob.class, RequestHandler.class);

        assertThat(worker).containsExactly(SQSEvent.class, SQSBatchResponse.class);
        assertThat(job).containsExactly(ScheduledEvent.class, Void.class);
    }

    private static Path fixture(String name) {
        return FIXTURES.resolve(name).resolve("template.yaml");
    }

    private static ClassLoader loader() {
        return TemplateContractTest.class.getClassLoader();
    }

    private static List<Violation> check(Path file) {
        List<Violation> violations = TemplateContract.check(SamTemplate.load(file), loader());
        // One line per violation, so a failing build says exactly what to fix.
        System.out.println(report(file, violations));
        return violations;
    }

    private static String report(Path file, List<Violation> violations) {
        return violations.size() + " template contract violation(s) in " + file + (violations.isEmpty() ? "" : ":\n")
                + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
    }

    /** The rendered line names the resource and says what is wrong. */
    private static void assertViolation(List<Violation> violations, String resource, String... fragments) {
        assertThat(violations)
                .withFailMessage(() -> "expected a violation of " + resource + " saying " + List.of(fragments)
                        + ", got:\n" + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")))
                .anyMatch(v -> v.resource().equals(resource) && v.toString().contains(resource)
                        && List.of(fragments).stream().allMatch(v.message()::contains));
    }

    private static void assertOnlyResources(List<Violation> violations, String... resources) {
        assertThat(violations).extracting(Violation::resource).containsOnly(resources);
    }
}
