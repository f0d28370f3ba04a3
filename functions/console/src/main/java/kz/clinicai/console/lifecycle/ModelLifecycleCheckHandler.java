package kz.clinicai.console.lifecycle;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/**
 * EventBridge Schedule (daily) → {@link ModelLifecycleCheck}. Answers what it found (the invocation result, for
 * {@code sam local invoke} and the local stack): the metric values, the findings and the notices sent this run.
 */
public final class ModelLifecycleCheckHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final ModelLifecycleCheck check;

    public ModelLifecycleCheckHandler() {
        this(ModelLifecycleCheckModule.fromEnv(Env.current()).check());
    }

    ModelLifecycleCheckHandler(ModelLifecycleCheck check) {
        this.check = check;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> {
            ModelLifecycleCheck.Result result = check.run();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metrics", EmbeddedMetrics.values(result.findings()));
            // Plain maps and strings: the Lambda runtime's serializer knows no java.time types.
            out.put("findings", kz.clinicai.shared.json.Json.mapper().convertValue(result.findings(), Map.class));
            out.put("noticesSent", result.noticesSent());
            return out;
        });
    }
}
