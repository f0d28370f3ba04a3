package kz.clinicai.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import kz.clinicai.console.lifecycle.ModelLifecycleCheck;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/**
 * EventBridge Schedule (daily) → {@link ModelLifecycleCheck}. Answers what it found (the invocation result, for
 * {@code sam local invoke} and the local stack): the metric values, the findings and the notices sent this run.
 */
public final class ModelLifecycleCheckHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final ModelLifecycleCheck check;

    public ModelLifecycleCheckHandler() {
        this(ModelLifecycleCheckModule.fromEnv(Env.current()));
    }

    ModelLifecycleCheckHandler(ModelLifecycleCheckModule module) {
        this.check = module.check();
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> check.run().answer());
    }
}
