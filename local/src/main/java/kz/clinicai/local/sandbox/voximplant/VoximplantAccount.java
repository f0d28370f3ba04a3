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
    /** Voximplant names applications {@code <short name>.<account name>.voximplant.com}. */
    static final String ACCOUNT_DOMAIN = ".clinicai-sandbox.voximplant.com";
    static final String APPLICATION_NAME = "clinicai" + ACCOUNT_DOMAIN;
    static final long RULE_ID = 3_001;
    static final String RULE_NAME = "outbound-ai-call";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Scenario(long id, String name, String script, String modified) {
    }

    record Rule(long id, String name, long applicationId, String pattern, Set<Long> scenarioIds, String modified) {
    }

    record Application(long id, String name, String modified) {
    }

    /** One StartScenarios call and what it answered. */
    record Started(long callSessionHistoryId, long ruleId, String scriptCustomData, String mediaSessionId,
            String startedAt) {
    }

    private final Clock clock;
    private final Map<Long, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<Long, Rule> rules = new LinkedHashMap<>();
    private final Map<Long, Application> applications = new LinkedHashMap<>();
    private long nextApplicationId;
    private long nextRuleId;
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
        applications.clear();
        started.clear();
        applications.put(APPLICATION_ID, new Application(APPLICATION_ID, APPLICATION_NAME, now()));
        rules.put(RULE_ID, new Rule(RULE_ID, RULE_NAME, APPLICATION_ID, ".*", new LinkedHashSet<>(), now()));
        nextApplicationId = APPLICATION_ID + 1;
        nextRuleId = RULE_ID + 1;
        nextScenarioId = 50_001;
        nextSessionId = 700_000_001;
    }

    synchronized Optional<Rule> rule(Long id, String name) {
        return rules.values().stream()
                .filter(r -> (id != null && r.id() == id) || (id == null && name != null && r.name().equals(name)))
                .findFirst();
    }

    /** By id, or by short or full name. */
    synchronized Optional<Application> application(Long id, String name) {
        return applications.values().stream()
                .filter(a -> (id != null && a.id() == id) || (id == null && name != null
                        && (a.name().equals(name) || a.name().equals(name + ACCOUNT_DOMAIN))))
                .findFirst();
    }

    synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    synchronized Application addApplication(String shortName) {
        if (application(null, shortName).isPresent()) {
            throw new IllegalStateException("Application " + shortName + " already exists");
        }
        Application a = new Application(nextApplicationId++, shortName + ACCOUNT_DOMAIN, now());
        applications.put(a.id(), a);
        return a;
    }

    synchronized List<Rule> rules(long applicationId) {
        return rules.values().stream().filter(r -> r.applicationId() == applicationId)
                .map(r -> new Rule(r.id(), r.name(), r.applicationId(), r.pattern(), new LinkedHashSet<>(r.scenarioIds()),
                        r.modified())).toList();
    }

    synchronized Rule addRule(long applicationId, String name, String pattern, List<Long> scenarioIds) {
        if (rules.values().stream().anyMatch(r -> r.applicationId() == applicationId && r.name().equals(name))) {
            throw new IllegalStateException("Rule " + name + " already exists");
        }
        Rule r = new Rule(nextRuleId++, name, applicationId, pattern, new LinkedHashSet<>(scenarioIds), now());
        rules.put(r.id(), r);
        return r;
    }

    /** The scripts bound to a rule, in binding order (VoxEngine runs them in one space). */
    synchronized List<Scenario> boundScenarios(Rule rule) {
        Rule current = rules.get(rule.id());
        return current == null ? List.of() : current.scenarioIds().stream().map(scenarios::get)
                .filter(java.util.Objects::nonNull).toList();
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
