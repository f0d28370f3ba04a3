package kz.clinicai.local.sandbox.voximplant;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated Voximplant account: one application with one routing rule (what the platform deploys against),
 * scenarios added through the API, and every started scenario session. Thread-safe through one lock.
 */
final class VoximplantAccount {

    static final long APPLICATION_ID = 10_001;
    static final String APPLICATION_NAME = "clinicai.sandbox.voximplant.com";
    static final long RULE_ID = 3_001;
    static final String RULE_NAME = "outbound-ai-call";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Scenario(long id, String name, String script, String modified) {
    }

    record Rule(long id, String name, long applicationId, Set<Long> scenarioIds) {
    }

    /** One StartScenarios call and what it answered. */
    record Started(long callSessionHistoryId, long ruleId, String scriptCustomData, String mediaSessionId,
            String startedAt) {
    }

    private final Clock clock;
    private final Map<Long, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<Long, Rule> rules = new LinkedHashMap<>();
    private final List<Started> started = new ArrayList<>();
    private long nextScenarioId;
    private long nextSessionId;

    VoximplantAccount(Clock clock) {
        this.clock = clock;
        reset();
    }

    synchronized void reset() {
        scenarios.clear();
        rules.clear();
        started.clear();
        rules.put(RULE_ID, new Rule(RULE_ID, RULE_NAME, APPLICATION_ID, new LinkedHashSet<>()));
        nextScenarioId = 50_001;
        nextSessionId = 700_000_001;
    }

    synchronized Optional<Rule> rule(Long id, String name) {
        return rules.values().stream()
                .filter(r -> (id != null && r.id() == id) || (id == null && name != null && r.name().equals(name)))
                .findFirst();
    }

    synchronized Optional<Scenario> scenario(Long id, String name) {
        return scenarios.values().stream()
                .filter(s -> (id != null && s.id() == id) || (id == null && name != null && s.name().equals(name)))
                .findFirst();
    }

    synchronized List<Scenario> scenarios() {
        return List.copyOf(scenarios.values());
    }

    /** Adds a scenario or, with {@code rewrite}, replaces the script of the one with that name. */
    synchronized Scenario addScenario(String name, String script, boolean rewrite) {
        Optional<Scenario> existing = scenario(null, name);
        if (existing.isPresent() && !rewrite) {
            throw new IllegalStateException("Scenario " + name + " already exists");
        }
        long id = existing.map(Scenario::id).orElseGet(() -> nextScenarioId++);
        Scenario s = new Scenario(id, name, script == null ? "" : script, now());
        scenarios.put(id, s);
        return s;
    }

    synchronized Scenario update(Scenario s, String newName, String newScript) {
        Scenario updated = new Scenario(s.id(), newName == null ? s.name() : newName,
                newScript == null ? s.script() : newScript, now());
        scenarios.put(s.id(), updated);
        return updated;
    }

    synchronized void bind(Scenario s, Rule r, boolean bind) {
        if (bind) {
            r.scenarioIds().add(s.id());
        } else {
            r.scenarioIds().remove(s.id());
        }
    }

    synchronized Started start(Rule rule, String customData) {
        long id = nextSessionId++;
        Started s = new Started(id, rule.id(), customData, "session-" + id, now());
        started.add(s);
        return s;
    }

    synchronized List<Started> started() {
        return List.copyOf(started);
    }

    private String now() {
        return UTC.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
