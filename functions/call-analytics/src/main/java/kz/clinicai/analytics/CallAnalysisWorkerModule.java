package kz.clinicai.analytics;

import com.openai.client.OpenAIClient;
import java.nio.file.Path;
import java.time.Duration;
import kz.clinicai.analytics.notify.AdminNotifier;
import kz.clinicai.analytics.notify.TelegramOutboxNotifier;
import kz.clinicai.analytics.worker.Analyzer;
import kz.clinicai.analytics.worker.CallProcessor;
import kz.clinicai.analytics.worker.Transcriber;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.usage.UsageRecorder;

/**
 * Composition root of {@link CallAnalysisWorkerHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS,
 * ANALYTICS_QUEUE_URL, ANALYTICS_BUCKET, UIS_API_URL, UIS_RECORDS_BASE_URL, TRANSCRIPTION_MODEL (the model table's
 * transcription default), ANALYSIS_MODEL (its responses default), ANALYSIS_REASONING_EFFORT (medium), the OPENAI_*
 * variables, USAGE_TABLE, TELEGRAM_OUTBOX_QUEUE_URL and TELEGRAM_ADMIN_IDS (both optional: no notices without them),
 * WORKER_MAX_RECEIVES (the queue's maxReceiveCount), RECORDING_RETRY_SECONDS (300), RECORDING_MAX_WAITS (12),
 * TRANSCRIPTION_PART_SECONDS (1200), TRANSCRIPTION_PARALLELISM (4: one call's requests in flight; times the worker's
 * maximum concurrency, that is the load on the OpenAI rate limit) and the AWS variables.
 */
final class CallAnalysisWorkerModule {

    static final String DEFAULT_TRANSCRIPTION_MODEL = ModelCapabilities.standard().defaultModel("transcription");
    static final String DEFAULT_ANALYSIS_MODEL = ModelCapabilities.standard().defaultModel("responses");
    /**
     * Scoring a whole call against a profile's criteria with a quote for each, offline (no one waits): the model's
     * balanced effort; lower efforts skip criteria that need the whole call weighed.
     */
    static final String DEFAULT_ANALYSIS_REASONING_EFFORT = "medium";
    // The API takes 25 MB; a little margin for the multipart envelope.
    static final long MAX_PART_BYTES = 24L * 1024 * 1024;

    private final CallProcessor processor;
    private final int maxReceives;

    CallAnalysisWorkerModule(CallProcessor processor, int maxReceives) {
        this.processor = processor;
        this.maxReceives = maxReceives;
    }

    static CallAnalysisWorkerModule fromEnv(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        OpenAIClient openai = OpenAiClients.create(OpenAiSettings.fromEnv(env, a.secrets()));
        UsageRecorder usage = new DynamoDbUsageRepository(a.aws().dynamoDb(), env.required("USAGE_TABLE"));
        AdminNotifier notifier = env.optional("TELEGRAM_OUTBOX_QUEUE_URL")
                .filter(q -> env.optional("TELEGRAM_ADMIN_IDS").isPresent())
                .<AdminNotifier>map(q -> new TelegramOutboxNotifier(a.aws().sqs(), q,
                        TelegramOutboxNotifier.parseIds(env.get("TELEGRAM_ADMIN_IDS", ""))))
                .orElse(AdminNotifier.NONE);
        CallProcessor.Settings settings = new CallProcessor.Settings(a.recordsBaseUrl(),
                Duration.ofSeconds(env.intValue("RECORDING_RETRY_SECONDS", 300)),
                env.intValue("RECORDING_MAX_WAITS", 12), MAX_PART_BYTES,
                env.intValue("TRANSCRIPTION_PART_SECONDS", 1200), env.intValue("TRANSCRIPTION_PARALLELISM", 4),
                Path.of(System.getProperty("java.io.tmpdir"), "calls"));
        CallProcessor processor = new CallProcessor(a.profiles(), a.calls(), a.callQueue(), a.recordings(),
                new Transcriber(openai, env.get("TRANSCRIPTION_MODEL", DEFAULT_TRANSCRIPTION_MODEL), usage, a.clock()),
                new Analyzer(openai, env.get("ANALYSIS_MODEL", DEFAULT_ANALYSIS_MODEL), usage, a.clock(),
                        ModelTuning.effortFromEnv(env, "ANALYSIS_REASONING_EFFORT", DEFAULT_ANALYSIS_REASONING_EFFORT)),
                a.uis(), notifier, settings);
        return new CallAnalysisWorkerModule(processor, env.intValue("WORKER_MAX_RECEIVES", 5));
    }

    CallProcessor processor() {
        return processor;
    }

    int maxReceives() {
        return maxReceives;
    }
}
