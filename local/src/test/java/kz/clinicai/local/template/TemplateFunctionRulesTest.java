package kz.clinicai.local.template;

import static kz.clinicai.local.template.ContractFixtures.assertOnlyResources;
import static kz.clinicai.local.template.ContractFixtures.assertViolation;
import static kz.clinicai.local.template.ContractFixtures.check;
import static kz.clinicai.local.template.ContractFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.lang.reflect.Type;
import java.util.List;
import kz.clinicai.local.template.TemplateContract.Violation;
import kz.clinicai.local.template.fixtures.PullJob;
import kz.clinicai.local.template.fixtures.QueueWorker;
import org.junit.jupiter.api.Test;

/**
 * Functions and artifacts ({@link HandlerRules}, {@link EnvironmentRules}, {@link EventFileRules}): each rule broken
 * by a fixture under src/test/resources/contract/ and reported naming the function to fix.
 */
class TemplateFunctionRulesTest {

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
    void typeArgumentsAreResolvedThroughSuperclassesAndInterfaces() {
        Type[] worker = HandlerRules.typeArguments(QueueWorker.class, RequestHandler.class);
        Type[] job = HandlerRules.typeArguments(PullJob.class, RequestHandler.class);

        assertThat(worker).containsExactly(SQSEvent.class, SQSBatchResponse.class);
        assertThat(job).containsExactly(ScheduledEvent.class, Void.class);
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
}
