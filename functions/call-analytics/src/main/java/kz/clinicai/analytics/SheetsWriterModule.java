package kz.clinicai.analytics;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.analytics.sheets.DynamoDbWriterLease;
import kz.clinicai.analytics.sheets.SheetsWriter;
import kz.clinicai.shared.config.Env;

/**
 * Composition root of {@link SheetsWriterHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS,
 * ANALYTICS_BUCKET, SHEETS_ROOT_URL, UIS_RECORDS_BASE_URL, SHEETS_MAX_REQUEST_BYTES (1 800 000) and the AWS
 * variables.
 */
final class SheetsWriterModule {

    private final SheetsWriter writer;
    private final Clock clock;

    SheetsWriterModule(SheetsWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    static SheetsWriterModule fromEnv(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        SheetsWriter.Settings settings = new SheetsWriter.Settings(env.intValue("SHEETS_MAX_REQUEST_BYTES", 1_800_000),
                5_000, Duration.ofSeconds(2), Duration.ofSeconds(64), Duration.ofMinutes(15));
        return new SheetsWriterModule(new SheetsWriter(a.profiles(), a.calls(), a.recordings(),
                new DynamoDbWriterLease(a.aws().dynamoDb(), a.callsTable(), a.clock()), a.sheets(),
                a.recordsBaseUrl(), settings, a.clock()), a.clock());
    }

    SheetsWriter writer() {
        return writer;
    }

    Clock clock() {
        return clock;
    }
}
