package kz.clinicai.local.template;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What template.yaml promises and the code must keep: handler classes that exist and take the event their
 * triggers send, environment variables declared exactly where they are read, sample events that the runtime can
 * deserialise, references that point at something, and SQS consumers with a DLQ and a long enough visibility
 * timeout. Deploying finds most of these only at run time, one at a time; this finds them all at build time.
 * One class per rule family: {@link HandlerRules}, {@link EnvironmentRules}, {@link EventFileRules},
 * {@link ReferenceRules}, {@link QueueRules}, {@link HttpApiRules}; for the deployed shape ({@link #checkOperations})
 * {@link SecretRules}, {@link IamRules}, {@link LogAndAlarmRules}.
 */
final class TemplateContract {

    /** One broken promise; {@code resource} is the logical id (or events/ file) to fix. */
    record Violation(String resource, String message) {
        @Override
        public String toString() {
            return resource + ": " + message;
        }
    }

    /** The event a function's triggers deliver; one handler takes one event type. */
    enum Trigger {
        HTTP("HttpApi/FunctionUrl", APIGatewayV2HTTPEvent.class),
        SQS("SQS", SQSEvent.class),
        SCHEDULE("Schedule", ScheduledEvent.class);

        final String label;
        final Class<?> eventType;

        Trigger(String label, Class<?> eventType) {
            this.label = label;
            this.eventType = eventType;
        }
    }

    private TemplateContract() {
    }

    /** The build-time rules, on any template (the fixtures are minimal templates, not deployable ones). */
    static List<Violation> check(SamTemplate template, ClassLoader loader) {
        ContractRun run = new ContractRun(template, loader);
        HandlerRules handlers = new HandlerRules(run);
        EnvironmentRules environment = new EnvironmentRules(run);
        for (FunctionDef function : template.functions()) {
            handlers.check(function).ifPresent(handler -> environment.check(function, handler));
        }
        new EventFileRules(run).check();
        new ReferenceRules(run).check();
        new QueueRules(run).check();
        HttpApiRules routes = new HttpApiRules(run);
        routes.checkHttpApiPathsHaveNoTrailingSlash();
        routes.checkHttpApiRouteKeysAreUnique();
        routes.checkCorsAllowsHandlerHeaders();
        return run.violations();
    }

    /** What a deployed stack must also keep: secrets out of configuration, least privilege, logs, alarms. */
    static List<Violation> checkOperations(SamTemplate template) {
        List<Violation> out = new ArrayList<>();
        SecretRules.checkNoSecretsInEnvironment(template, out);
        IamRules.checkNoWildcardActions(template, out);
        IamRules.checkNoUnusedScan(template, out);
        LogAndAlarmRules.checkLogRetention(template, out);
        LogAndAlarmRules.checkDeadLetterQueueAlarms(template, out);
        return List.copyOf(out);
    }
}
