package kz.clinicai.console.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.openai.client.OpenAIClient;
import kz.clinicai.console.assistants.LatestAssistants;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The daily model lifecycle check: every model in use (template parameters, every assistant's current version)
 * against OpenAI's own {@code GET /v1/models} and the model table. Stores the findings (console banner, save
 * validation), records the metrics the alarms watch, and tells the Telegram admins once per model and threshold
 * (60, 30, 7 days; 0 = gone: unlisted or past its date, the same day).
 */
public final class ModelLifecycleCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycleCheck.class);

    /** Warning thresholds in days, ascending (a finding takes the lowest it is within). */
    static final int[] THRESHOLDS = {7, 30, 60};

    /** OpenAI's model list: id → its {@code shutdown_date} when it has one. */
    interface ModelCatalog {
        Map<String, Optional<LocalDate>> listed();
    }

    /** Where the models in use are configured: model → places ({@code template:X}, {@code assistant:name}). */
    interface ModelsInUse {
        Map<String, List<String>> collect();
    }

    /** One text to every Telegram admin; throws when it could not be handed on. */
    interface AdminNotices {
        void send(String text);
    }

    interface LifecycleMetrics {
        void record(Findings findings);
    }

    /** What one run did: the findings, and the notices sent this time (model#threshold). */
    public record Result(Findings findings, List<String> noticesSent) {

        /** The invocation's answer: the metric values, the findings and the notices sent this run. */
        public Map<String, Object> answer() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metrics", EmbeddedMetrics.values(findings));
            // Plain maps and strings: the Lambda runtime's serializer knows no java.time types.
            out.put("findings", Json.mapper().convertValue(findings, Map.class));
            out.put("noticesSent", noticesSent);
            return out;
        }
    }

    private final ModelsInUse inUse;
    private final ModelCatalog catalog;
    private final ModelLifecycle lifecycle;
    private final LifecycleStore store;
    private final AdminNotices notices;
    private final LifecycleMetrics metrics;
    private final Clock clock;

    ModelLifecycleCheck(ModelsInUse inUse, ModelCatalog catalog, ModelLifecycle lifecycle, LifecycleStore store,
                        AdminNotices notices, LifecycleMetrics metrics, Clock clock) {
        this.inUse = inUse;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.store = store;
        this.notices = notices;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The scheduled function's check: {@code templateModels} are the template's model parameters (name → model),
     * the assistants' current models come from {@code assistants}; notices go to {@code adminIds} through the
     * Telegram outbox queue; metrics are an EMF line on standard output.
     */
    public static ModelLifecycleCheck daily(Map<String, String> templateModels, LatestAssistants assistants,
                                            OpenAIClient openAi, LifecycleStore store, SqsClient sqs,
                                            String outboxQueueUrl, List<Long> adminIds, String metricsNamespace,
                                            Clock clock) {
        ModelsInUse inUse = () -> {
            Map<String, String> byName = new LinkedHashMap<>();
            for (AssistantConfig c : assistants.all()) {
                byName.put(c.name(), c.model());
            }
            return merge(templateModels, byName);
        };
        return new ModelLifecycleCheck(inUse, new OpenAiModelCatalog(openAi), ModelLifecycle.standard(), store,
                new OutboxNotices(sqs, outboxQueueUrl, adminIds), new EmbeddedMetrics(metricsNamespace, System.out,
                clock), clock);
    }

    /** {@code VoicebotModel=gpt-6-luna,ChatModel=…} → ordered map; blank values are skipped. */
    public static Map<String, String> templateModels(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && !part.substring(eq + 1).isBlank()) {
                out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }

    public Result run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, Optional<LocalDate>> listed = catalog.listed();
        List<Finding> models = new ArrayList<>();
        for (Map.Entry<String, List<String>> use : inUse.collect().entrySet()) {
            String model = use.getKey();
            boolean isListed = listed.containsKey(model);
            ModelLifecycle.Status status = lifecycle.status(model, today,
                    isListed ? listed.get(model) : Optional.empty(), !isListed);
            models.add(new Finding(model, use.getValue(), isListed, status.shutdownDate().orElse(null),
                    status.replacement().orElse(null),
                    status.daysLeft() == Long.MAX_VALUE ? null : status.daysLeft()));
        }
        Findings findings = new Findings(now, listed.size(), models);
        store.save(findings);
        metrics.record(findings);

        List<String> sent = new ArrayList<>();
        for (Finding f : findings.warnings()) {
            int threshold = f.threshold();
            if (!store.claimNotice(f.model(), threshold, now)) {
                continue; // told before (by an earlier run or a concurrent one)
            }
            try {
                notices.send("Модели OpenAI: " + f.text());
                sent.add(f.model() + "#" + threshold);
            } catch (RuntimeException e) {
                // Not lost: the claim is given back and the next run tries again; the banner shows it meanwhile.
                store.releaseNotice(f.model(), threshold);
                LOG.warn("model lifecycle notice for {} at {} days not queued: {}", f.model(), threshold, e.toString());
            }
        }
        LOG.info("model lifecycle check: {} models in use, {} listed by OpenAI, {} gone, nearest shutdown in {} days, "
                + "{} notices sent", models.size(), listed.size(), findings.goneCount(),
                findings.nearestDays().map(String::valueOf).orElse("-"), sent.size());
        return new Result(findings, sent);
    }

    /** Template model parameters (env name → model) and every assistant's current model. */
    static Map<String, List<String>> merge(Map<String, String> template, Map<String, String> assistants) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        template.forEach((name, model) -> add(out, model, "template:" + name));
        assistants.forEach((name, model) -> add(out, model, "assistant:" + name));
        return out;
    }

    private static void add(Map<String, List<String>> out, String model, String where) {
        if (model == null || model.isBlank() || model.startsWith("gpt://")) {
            return; // YandexGPT model URIs are not OpenAI's: its model list cannot speak for them
        }
        out.computeIfAbsent(model.strip(), m -> new ArrayList<>()).add(where);
    }
}
