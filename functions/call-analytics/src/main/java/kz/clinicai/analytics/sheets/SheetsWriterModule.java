package kz.clinicai.analytics.sheets;

import java.time.Duration;
import kz.clinicai.analytics.AnalyticsEnv;
import kz.clinicai.analytics.worker.RecordingStore;
import kz.clinicai.shared.config.Env;

/**
 * Composition root of {@link SheetsWriterHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS,
 * ANALYTICS_BUCKET, SHEETS_ROOT_URL, UIS_RECORDS_BASE_URL, SHEETS_MAX_REQUEST_BYTES (1 800 000) and the AWS
 * variables.
 */
public final class SheetsWriterModule {

    private final SheetsWriter writer;

    SheetsWriterModule(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        SheetsWriter.Settings settings = new SheetsWriter.Settings(env.intValue("SHEETS_MAX_REQUEST_BYTES", 1_800_000),
                5_000, Duration.ofSeconds(2), Duration.ofSeconds(64), Duration.ofMinutes(15));
        this.writer = new SheetsWriter(a.profiles(), a.calls(), new RecordingStore(a.aws().s3(),
                env.required("ANALYTICS_BUCKET")), new WriterLease(a.aws().dynamoDb(), a.callsTable(), a.clock()),
                a.sheets(), new RowFormatter(a.recordsBaseUrl()), settings, a.clock());
    }

    public static SheetsWriterModule fromEnv() {
        return new SheetsWriterModule(Env.current());
    }

    SheetsWriter writer() {
        return writer;
    }
}
