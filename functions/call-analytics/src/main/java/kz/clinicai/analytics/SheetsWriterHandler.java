package kz.clinicai.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kz.clinicai.analytics.sheets.SheetsWriter;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/** EventBridge Schedule → the pending rows of every profile into its sheet, in batched appends. */
public final class SheetsWriterHandler implements RequestHandler<ScheduledEvent, String> {

    private final SheetsWriter writer;
    private final Clock clock;

    public SheetsWriterHandler() {
        this(SheetsWriterModule.fromEnv(Env.current()));
    }

    SheetsWriterHandler(SheetsWriterModule module) {
        this.writer = module.writer();
        this.clock = module.clock();
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> {
            long millis = context == null ? 60_000 : context.getRemainingTimeInMillis();
            Instant deadline = clock.instant().plus(Duration.ofMillis(Math.max(1_000, millis - 10_000)));
            return writer.flushAll(deadline).toString();
        });
    }
}
