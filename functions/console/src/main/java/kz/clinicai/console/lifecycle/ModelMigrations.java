package kz.clinicai.console.lifecycle;

import static kz.clinicai.console.store.ConsoleTable.s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.console.ai.OpenAiGateway;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.assistants.AssistantView;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Replace model X with Y" for all assistants that use X, offered after a side-by-side test dialog: the same
 * message to one assistant answered with X and with Y, each in its own conversation. The replacement is refused
 * until this admin has compared X and Y within the last day; every replacement is audited
 * ({@code pk = audit#models, sk = <time>#<from>#<to>}: who, when, which assistants, which versions).
 */
public final class ModelMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMigrations.class);
    static final Duration COMPARISON_VALID = Duration.ofDays(1);
    static final String AUDIT_PK = "audit#models";

    /** One side of the comparison: the reply, and the conversation that continues this side's dialog. */
    public record Side(String model, String conversationId, String reply) {
    }

    public record Comparison(AssistantView assistant, Side old, Side proposed) {
    }

    public record Audit(Instant at, String actor, String from, String to, List<String> assistants) {
    }

    private final AssistantService assistants;
    private final OpenAiGateway openAi;
    private final UsageRecorder usage;
    private final ConsoleTable table;
    private final Clock clock;

    public ModelMigrations(AssistantService assistants, OpenAiGateway openAi, UsageRecorder usage, ConsoleTable table,
                           Clock clock) {
        this.assistants = assistants;
        this.openAi = openAi;
        this.usage = usage;
        this.table = table;
        this.clock = clock;
    }

    /**
     * One turn of the side-by-side dialog: {@code message} to the assistant with its own model {@code from} and
     * with {@code to} (sampling parameters only where the model takes them). Null conversation ids start new ones.
     */
    public Comparison compare(String actor, String assistantId, String from, String to, String message,
                              String oldConversation, String newConversation) {
        AssistantView a = assistants.find(assistantId).filter(x -> x.model().equals(from))
                .orElseThrow(() -> new AssistantService.Invalid(Map.of("assistant",
                        "Выберите ассистента, который сейчас использует " + from)));
        var status = assistants.models().status(to);
        if (ModelCapabilities.standard().of(to).filter(c -> c.kind().equals("responses")).isEmpty()) {
            throw new AssistantService.Invalid(Map.of("to", "Неизвестная модель " + to));
        }
        if (status.refused()) {
            throw new AssistantService.Invalid(Map.of("to", status.russianReason()));
        }
        Side old = answer(a, from, message, oldConversation);
        Side proposed = answer(a, to, message, newConversation);
        table.put(Map.of("pk", s("models"), "sk", s(comparedSk(from, to, actor)),
                "expiresAt", ConsoleTable.n(clock.instant().plus(COMPARISON_VALID).getEpochSecond())));
        return new Comparison(a, old, proposed);
    }

    private Side answer(AssistantView a, String model, String message, String conversation) {
        String conv = conversation != null && conversation.startsWith("conv_") ? conversation
                : openAi.createConversation();
        var sampling = ModelCapabilities.standard().sampling(model, a.temperature(), a.topP());
        OpenAiGateway.Run run = openAi.reply(conv, new OpenAiGateway.RunSpec(model, a.instructions(),
                sampling.temperature().orElse(null), sampling.topP().orElse(null), a.vectorStoreIds()), message);
        usage.record(Usage.tokens(Usage.Channel.CONSOLE, a.name(), run.model(), run.inputTokens(), run.outputTokens(),
                clock.instant()));
        return new Side(model, conv, run.outputText().orElse(""));
    }

    /** Whether {@code actor} compared {@code from} with {@code to} within the last day. */
    public boolean compared(String actor, String from, String to) {
        return table.get("models", comparedSk(from, to, actor))
                .filter(i -> ConsoleTable.num(i, "expiresAt", 0) > clock.instant().getEpochSecond()).isPresent();
    }

    /** The replacement itself, after a comparison; audited. */
    public List<AssistantService.Migrated> replace(String actor, String from, String to) {
        if (!compared(actor, from, to)) {
            throw new AssistantService.Invalid(Map.of("to", "Сначала проверьте диалог со старой и новой моделью "
                    + "(«Сравнить»), затем заменяйте"));
        }
        List<AssistantService.Migrated> done = assistants.replaceModel(from, to);
        Instant now = clock.instant();
        List<String> names = new ArrayList<>();
        done.forEach(m -> names.add(m.name() + " (" + m.id() + ") v" + m.fromVersion() + "→v" + m.toVersion()
                + (m.samplingDropped() ? ", без temperature/top_p" : "")));
        table.put(Map.of("pk", s(AUDIT_PK), "sk", s(now + "#" + from + "#" + to), "actor", s(actor),
                "from", s(from), "to", s(to), "at", s(now.toString()), "assistants", ConsoleTable.list(names)));
        LOG.info("model {} replaced by {} in {} assistants by {}", from, to, done.size(), actor);
        return done;
    }

    /** The latest replacements, newest first. */
    public List<Audit> audit(int limit) {
        List<Audit> out = new ArrayList<>();
        for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> i : table.query(AUDIT_PK, null)) {
            out.add(new Audit(Instant.parse(ConsoleTable.str(i, "at")), ConsoleTable.str(i, "actor"),
                    ConsoleTable.str(i, "from"), ConsoleTable.str(i, "to"), ConsoleTable.list(i, "assistants")));
        }
        out.sort(java.util.Comparator.comparing(Audit::at).reversed());
        return out.subList(0, Math.min(limit, out.size()));
    }

    static String comparedSk(String from, String to, String actor) {
        return "compared#" + from + "#" + to + "#" + actor;
    }
}
