package kz.clinicai.shared.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Structured logging around one invocation, through Powertools' functional API (no AspectJ weaving):
 * log lines written while {@code work} runs carry the Lambda request id, function name, version, ARN, memory,
 * cold start flag and service (the JSON layout in log4j2.xml prints them).
 */
public final class Logs {

    private Logs() {
    }

    /**
     * Runs one invocation's work with the Lambda context in the logging context of this thread, then clears it,
     * so a warm container's next invocation (or the local stack's next handler on this thread) starts clean.
     * Whatever the thread's MDC held before is cleared too.
     */
    public static <T> T withRequestContext(Context context, Supplier<T> work) {
        // Unit tests call handlers without a Context; there is no invocation to describe then.
        return context == null ? work.get() : PowertoolsLogging.withLogging(context, work);
    }
}
