package kz.clinicai.console.assistants;

import static kz.clinicai.console.store.ConsoleTable.s;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.lifecycle.ModelAvailability;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantDraft;
import kz.clinicai.shared.assistant.AssistantVersionConflictException;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;

/**
 * Assistants as the console manages them. The configuration itself (name, model, instructions, sampling) lives in
 * the shared versioned store that the voicebot and the chat read, so a save here changes what they say; the
 * console adds the attached vector stores, per version, in its own table ({@code pk = asstx#<id>},
 * {@code sk = v#<version>} and {@code sk = current}).
 */
public final class AssistantService {

    /** A caller's mistake, with field messages for the form. */
    public static final class Invalid extends RuntimeException {
        private final Map<String, String> errors;

        public Invalid(Map<String, String> errors) {
            super(String.join("; ", errors.values()));
            this.errors = errors;
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    private final DynamoDbAssistantRepository store;
    private final LatestAssistants latest;
    private final ConsoleTable table;
    private final Clock clock;
    private final ModelAvailability models;

    public AssistantService(DynamoDbAssistantRepository store, LatestAssistants latest, ConsoleTable table,
                            Clock clock, ModelAvailability models) {
        this.store = store;
        this.latest = latest;
        this.table = table;
        this.clock = clock;
        this.models = models;
    }

    /** Where each model stands today (table + last lifecycle check): what the form offers and save refuses. */
    public ModelAvailability models() {
        return models;
    }

    public List<AssistantView> all() {
        return latest.all().stream()
                .sorted(Comparator.comparing((AssistantConfig c) -> c.name().toLowerCase(Locale.ROOT)))
                .map(c -> AssistantView.of(c, vectorStores(c.id(), "current")))
                .toList();
    }

    public Page<AssistantView> search(String query, int page, int size) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<AssistantView> hits = all().stream()
                .filter(a -> q.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(q)
                        || a.id().toLowerCase(Locale.ROOT).contains(q) || a.model().toLowerCase(Locale.ROOT).contains(q))
                .toList();
        return Page.of(hits, page, size, query == null ? "" : query.strip());
    }

    public Optional<AssistantView> find(String id) {
        return store.latestById(id).map(c -> AssistantView.of(c, vectorStores(c.id(), "current")));
    }

    public List<AssistantView> versions(String id) {
        AssistantConfig latest = store.latestById(id).orElseThrow(() -> notFound(id));
        return store.versions(latest.name()).stream()
                .map(c -> AssistantView.of(c, vectorStores(c.id(), versionSk(c.version()))))
                .sorted(Comparator.comparingInt(AssistantView::version).reversed())
                .toList();
    }

    public Optional<AssistantView> version(String id, int version) {
        return store.latestById(id).flatMap(l -> store.version(l.name(), version))
                .map(c -> AssistantView.of(c, vectorStores(c.id(), versionSk(c.version()))));
    }

    /** A new assistant; refuses a name already in use (editing is {@link #update}). */
    public AssistantView create(AssistantForm form) {
        Map<String, String> errors = form.validate(models);
        if (errors.isEmpty() && store.latestByName(form.getName().strip()).isPresent()) {
            errors = Map.of("name", "Ассистент с таким названием уже есть");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return save(form.checked(models));
    }

    /** A new version of an existing assistant (its name stays: it is the key the voicebot and chat use). */
    public AssistantView update(String id, AssistantForm form) {
        AssistantConfig latest = store.latestById(id).orElseThrow(() -> notFound(id));
        form.setName(latest.name());
        Map<String, String> errors = form.validate(models);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return save(form.checked(models));
    }

    /**
     * Rolls back by saving the old version's content as the newest version (history is never rewritten); not to a
     * version whose model is shut down or shutting down within 30 days.
     */
    public AssistantView rollback(String id, int version) {
        AssistantView old = version(id, version).orElseThrow(() -> new Invalid(Map.of("version",
                "Нет версии " + version)));
        var status = models.status(old.model());
        if (status.refused()) {
            throw new Invalid(Map.of("model", status.russianReason()));
        }
        return save(new AssistantForm.Checked(old.name(), old.model(), old.instructions(), old.temperature(),
                old.topP(), old.vectorStoreIds()));
    }

    /** One assistant moved to another model: its version before and after. */
    public record Migrated(String id, String name, int fromVersion, int toVersion, boolean samplingDropped) {
    }

    /** The assistants whose current version uses {@code model}. */
    public List<AssistantView> usingModel(String model) {
        return all().stream().filter(a -> a.model().equals(model)).toList();
    }

    /**
     * Moves every assistant whose current version uses {@code from} to {@code to}, each as a new version (rollback
     * as for any edit); instructions and vector stores stay, sampling parameters are dropped where {@code to}
     * refuses them. {@code to} must be a model the form would accept today. An assistant changed concurrently is
     * skipped (its new version already moved it, or the caller runs the replacement again).
     */
    public List<Migrated> replaceModel(String from, String to) {
        AssistantForm probe = new AssistantForm();
        probe.setName("migration");
        probe.setModel(to);
        probe.setTemperature("");
        probe.setTopP("");
        Map<String, String> errors = new java.util.LinkedHashMap<>(probe.validate(models));
        errors.keySet().retainAll(java.util.Set.of("model"));
        if (from == null || from.isBlank() || from.strip().equals(to == null ? "" : to.strip())) {
            errors.put("from", "Укажите заменяемую модель, отличную от новой");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        List<AssistantView> using = usingModel(from.strip());
        if (using.isEmpty()) {
            throw new Invalid(Map.of("from", "Ни один ассистент не использует " + from.strip()));
        }
        boolean sampling = kz.clinicai.shared.openai.ModelCapabilities.standard().acceptsSampling(to.strip());
        List<Migrated> out = new java.util.ArrayList<>();
        for (AssistantView a : using) {
            boolean drop = !sampling && (a.temperature() != null || a.topP() != null);
            try {
                AssistantView saved = save(new AssistantForm.Checked(a.name(), to.strip(), a.instructions(),
                        sampling ? a.temperature() : null, sampling ? a.topP() : null, a.vectorStoreIds()));
                out.add(new Migrated(a.id(), a.name(), a.version(), saved.version(), drop));
            } catch (Invalid e) {
                // Someone saved this assistant a moment ago; their version stands.
            }
        }
        return out;
    }

    public boolean delete(String id) {
        Optional<AssistantConfig> latest = store.latestById(id);
        if (latest.isEmpty()) {
            return false;
        }
        boolean deleted = store.delete(latest.get().name());
        table.query("asstx#" + id, null).forEach(i -> table.delete("asstx#" + id, ConsoleTable.str(i, "sk")));
        return deleted;
    }

    private AssistantView save(AssistantForm.Checked c) {
        AssistantConfig saved;
        try {
            saved = store.saveNewVersion(new AssistantDraft(c.name(), c.model(), c.instructions(), c.temperature(),
                    c.topP()), clock.instant());
        } catch (AssistantVersionConflictException e) {
            throw new Invalid(Map.of("name", "Ассистента только что изменил кто-то другой: обновите страницу"));
        }
        // The config is the source of truth for the bots; the attachment rows follow it (a failure here leaves the
        // previous attachments in place, never a half-written config).
        table.put(Map.of("pk", s("asstx#" + saved.id()), "sk", s(versionSk(saved.version())),
                "vectorStoreIds", ConsoleTable.list(c.vectorStoreIds())));
        table.put(Map.of("pk", s("asstx#" + saved.id()), "sk", s("current"),
                "vectorStoreIds", ConsoleTable.list(c.vectorStoreIds())));
        return AssistantView.of(saved, c.vectorStoreIds());
    }

    private List<String> vectorStores(String id, String sk) {
        return table.get("asstx#" + id, sk).map(i -> ConsoleTable.list(i, "vectorStoreIds")).orElse(List.of());
    }

    private static String versionSk(int version) {
        return "v#" + String.format("%010d", version);
    }

    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    private static NotFound notFound(String id) {
        return new NotFound("Нет ассистента " + id);
    }
}
