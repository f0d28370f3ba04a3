package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.shared.json.Json;

/**
 * The sandbox's "model": a deterministic rule engine, clearly not an LLM. It reads the effective history of a
 * Responses request (previous response or conversation items, then the new input) and decides one of:
 * <ol>
 *   <li>the last item is a {@code function_call_output}: a message summarising it ({@code summary}, default
 *       "Готово: &lt;output&gt;"), so a tool loop always ends and never repeats the same call;</li>
 *   <li>the latest user text matches a rule whose {@code tool} the request offers: a {@code function_call} of that
 *       tool with the rule's argument template filled in;</li>
 *   <li>the text matches a rule with a {@code reply}: that reply;</li>
 *   <li>otherwise the {@code fallback} greeting in Russian, or in Kazakh when the text contains one of
 *       әғқңөұүһі.</li>
 * </ol>
 *
 * <h2>Rules file ({@code src/main/resources/sandbox/openai-rules.json})</h2>
 * Loaded once at start; a feature that needs the model to call its tool adds an entry, no code:
 * <pre>{@code
 * {"name": "book", "keywords": ["запиш", "жазыл"], "tool": "book_appointment",
 *  "arguments": {"date": "{date}", "time": "{time}"}, "reply": "Когда вам удобно?"}
 * }</pre>
 * <ul>
 *   <li>{@code keywords}: lower-case stems (Russian and Kazakh), each matched against the start of a word of the
 *       latest user text ("оператор" matches "оператора"); a keyword with a space matches a phrase. Rules are tried
 *       in file order; the first whose keyword matches and that can act (tool offered, or a reply) wins.</li>
 *   <li>{@code tool} + {@code arguments}: called only when the request offers a function tool of that name;
 *       for a strict tool the filled template is then made to fit the tool's schema (kept where it fits, generated
 *       where missing or ill-typed, undeclared properties dropped);
 *       string values of the template (at any depth) have their placeholders replaced.</li>
 *   <li>{@code reply}: a string, or {"ru": …, "kk": …}, answered when the tool is absent or not offered.</li>
 * </ul>
 * Placeholders: {@code {today}} and {@code {tomorrow}} (ISO dates), {@code {weekday:четверг}} (the next such day
 * after today, ru or kk weekday name), {@code {date}} (the day the user named: сегодня/бүгін, завтра/ертең,
 * послезавтра/бүрсігүні, a weekday name, "2026-11-26" or "26.11"; today otherwise), {@code {time}} ("HH:MM" from
 * "10:30", "10.30", "в 10" or "сағат 10"; else a part of the day as the tools' description reads it: утром/таңертең
 * 09:00, днём/в обед/түсте 13:00, после обеда/түстен кейін 15:00, вечером/кешке 17:00; empty when none), {@code {text}}
 * (the user text, at most 200 chars).
 * "Today" is the date on a line "Сегодня: YYYY-MM-DD" of the instructions, else the first ISO date in them,
 * else the sandbox clock's date.
 */
final class RuleModel {

    static final String RESOURCE = "/sandbox/openai-rules.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([^}]*))?}");
    private static final Pattern TODAY_LINE = Pattern.compile("(?m)^\\s*Сегодня:\\s*(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})(?![\\d.:])");
    private static final Pattern CLOCK_TIME = Pattern.compile("(?<!\\d)([01]?\\d|2[0-3])[:.]([0-5]\\d)(?!\\d)");
    private static final Pattern HOUR_ONLY = Pattern.compile("(?:^|\\s)(?:в|к|на|сағат)\\s+([01]?\\d|2[0-3])(?!\\d|[:.]\\d)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final String KAZAKH_LETTERS = "әғқңөұүһі";
    private static final int TEXT_LIMIT = 200;
    /**
     * A part of the day as a time, the way the tools' description asks the model to read it («утром» = 09:00,
     * «днём» = 13:00, «вечером» = 17:00) plus «после обеда» = 15:00 (the middle of the afternoon); tried in this
     * order, so "после обеда" is never read as "в обед".
     */
    private static final Map<String, List<String>> PARTS_OF_DAY = orderedParts();
    private static final List<Locale> DAY_LOCALES = List.of(Locale.forLanguageTag("ru"), Locale.forLanguageTag("kk"));

    /** What the model answers. */
    sealed interface Decision {
        record Call(String rule, String name, String arguments) implements Decision {
        }

        /** {@code fallback} is true when no rule matched: the caller may answer better (file search). */
        record Reply(String text, boolean fallback) implements Decision {
        }
    }

    record Rule(String name, List<String> keywords, String tool, JsonNode arguments, JsonNode reply) {
    }

    private final Clock clock;
    private final List<Rule> rules;
    private final String summary;
    private final JsonNode fallback;

    RuleModel(Clock clock, JsonNode config) {
        this.clock = clock;
        this.summary = config.path("summary").asText("Готово: {output}");
        this.fallback = config.path("fallback");
        List<Rule> parsed = new ArrayList<>();
        for (JsonNode r : config.path("rules")) {
            List<String> keywords = new ArrayList<>();
            r.path("keywords").forEach(k -> keywords.add(normalise(k.asText())));
            if (keywords.isEmpty() || (!r.hasNonNull("tool") && !r.hasNonNull("reply"))) {
                throw new IllegalArgumentException("rule " + r + " needs keywords and a tool or a reply");
            }
            parsed.add(new Rule(r.path("name").asText(r.path("tool").asText("reply")), List.copyOf(keywords),
                    r.hasNonNull("tool") ? r.get("tool").asText() : null, r.path("arguments"), r.get("reply")));
        }
        this.rules = List.copyOf(parsed);
    }

    static RuleModel load(Clock clock) {
        try (InputStream in = RuleModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new RuleModel(clock, Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    List<Rule> rules() {
        return rules;
    }

    Decision decide(List<? extends JsonNode> history, String instructions, Set<String> offeredTools) {
        Map<String, JsonNode> schemaless = new LinkedHashMap<>();
        offeredTools.forEach(t -> schemaless.put(t, null));
        return decide(history, instructions, schemaless);
    }

    /**
     * @param offeredTools the function tools of the request by name, each with its parameters schema when the tool is
     *        strict (the call's arguments are then made to validate against it), null otherwise
     */
    Decision decide(List<? extends JsonNode> history, String instructions, Map<String, JsonNode> offeredTools) {
        JsonNode last = history.isEmpty() ? null : history.getLast();
        if (last != null && last.path("type").asText().equals("function_call_output")) {
            return new Decision.Reply(summary.replace("{output}", Items.outputOf(last)), false);
        }
        int userIndex = latestUser(history);
        String text = userIndex < 0 ? "" : Items.textOf(history.get(userIndex));
        boolean kazakh = isKazakh(text);
        String words = " " + String.join(" ", words(text)) + " ";
        LocalDate today = today(instructions);
        for (Rule rule : rules) {
            if (rule.keywords().stream().noneMatch(k -> words.contains(" " + k))) {
                continue;
            }
            if (rule.tool() != null && offeredTools.containsKey(rule.tool())) {
                JsonNode filled = fill(rule.arguments().isMissingNode() ? Json.mapper().createObjectNode()
                        : rule.arguments(), text, today);
                JsonNode schema = offeredTools.get(rule.tool());
                String arguments = (schema == null ? filled : SchemaExample.conform(schema, filled, text, today))
                        .toString();
                if (!alreadyCalled(history, userIndex, rule.tool(), arguments)) {
                    return new Decision.Call(rule.name(), rule.tool(), arguments);
                }
            }
            if (rule.reply() != null) {
                return new Decision.Reply(fill(localised(rule.reply(), kazakh), text, today), false);
            }
        }
        return new Decision.Reply(fill(localised(fallback, kazakh), text, today), true);
    }

    /** The latest user text of a history, for answers built outside the rules (schema strings, file search). */
    static String latestUserText(List<? extends JsonNode> history) {
        int i = latestUser(history);
        return i < 0 ? "" : Items.textOf(history.get(i));
    }

    private static int latestUser(List<? extends JsonNode> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (Items.isMessage(history.get(i), "user")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean alreadyCalled(List<? extends JsonNode> history, int since, String tool, String arguments) {
        for (int i = Math.max(0, since + 1); i < history.size(); i++) {
            JsonNode item = history.get(i);
            if (item.path("type").asText().equals("function_call") && item.path("name").asText().equals(tool)
                    && item.path("arguments").asText().equals(arguments)) {
                return true;
            }
        }
        return false;
    }

    static boolean isKazakh(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.chars().anyMatch(c -> KAZAKH_LETTERS.indexOf(c) >= 0);
    }

    private static String localised(JsonNode reply, boolean kazakh) {
        if (reply.isTextual()) {
            return reply.asText();
        }
        return reply.path(kazakh ? "kk" : "ru").asText(reply.path("ru").asText(""));
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(normalise(text));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('ё', 'е').strip();
    }

    LocalDate today(String instructions) {
        if (instructions != null) {
            for (Pattern p : List.of(TODAY_LINE, ISO_DATE)) {
                Matcher m = p.matcher(instructions);
                if (m.find()) {
                    try {
                        return LocalDate.parse(m.group(1));
                    } catch (DateTimeParseException ignored) {
                        // not a real date ("2026-13-40"): keep looking, then fall back to the clock
                    }
                }
            }
        }
        return LocalDate.now(clock);
    }

    private JsonNode fill(JsonNode template, String text, LocalDate today) {
        if (template.isTextual()) {
            return TextNode.valueOf(fill(template.asText(), text, today));
        }
        if (template.isObject()) {
            ObjectNode out = Json.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), fill(e.getValue(), text, today));
            }
            return out;
        }
        if (template.isArray()) {
            var out = Json.mapper().createArrayNode();
            template.forEach(v -> out.add(fill(v, text, today)));
            return out;
        }
        return template.deepCopy();
    }

    private String fill(String template, String text, LocalDate today) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "today" -> today.toString();
                case "tomorrow" -> today.plusDays(1).toString();
                case "weekday" -> dayOfWeek(m.group(2) == null ? "" : m.group(2))
                        .map(d -> nextAfter(today, d).toString()).orElse(m.group());
                case "date" -> dateNamed(text, today).toString();
                case "time" -> timeNamed(text);
                case "text" -> text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) : text;
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static LocalDate nextAfter(LocalDate today, DayOfWeek day) {
        LocalDate d = today.plusDays(1);
        while (d.getDayOfWeek() != day) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** A weekday from a word that starts with the stem of its ru or kk name (CLDR names, "пятницу" → FRIDAY). */
    private static Optional<DayOfWeek> dayOfWeek(String word) {
        String w = normalise(word);
        for (DayOfWeek day : DayOfWeek.values()) {
            for (Locale locale : DAY_LOCALES) {
                String name = normalise(day.getDisplayName(TextStyle.FULL_STANDALONE, locale));
                String stem = name.length() > 4 ? name.substring(0, name.length() - 1) : name;
                if (!w.isEmpty() && w.startsWith(stem)) {
                    return Optional.of(day);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> orderedParts() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("15:00", List.of("после обеда", "после обед", "түстен кейін", "түстен соң"));
        parts.put("09:00", List.of("утром", "утра", "с утра", "таңертең", "таңғы"));
        parts.put("13:00", List.of("днем", "в обед", "түсте", "түскі"));
        parts.put("17:00", List.of("вечером", "вечера", "кешке", "кешкі"));
        return java.util.Collections.unmodifiableMap(parts);
    }

    static LocalDate dateNamed(String text, LocalDate today) {
        Matcher iso = ISO_DATE.matcher(text);
        if (iso.find()) {
            try {
                return LocalDate.parse(iso.group(1));
            } catch (DateTimeParseException ignored) {
                // fall through to the other forms
            }
        }
        Matcher dm = DAY_MONTH.matcher(text);
        if (dm.find()) {
            try {
                LocalDate d = LocalDate.of(today.getYear(), Integer.parseInt(dm.group(2)), Integer.parseInt(dm.group(1)));
                return d.isBefore(today) ? d.plusYears(1) : d;
            } catch (java.time.DateTimeException ignored) {
                // "31.02": not a date
            }
        }
        for (String w : words(text)) {
            if (w.startsWith("послезавтр") || w.startsWith("бүрсігүн")) {
                return today.plusDays(2);
            }
            if (w.startsWith("завтр") || w.startsWith("ертең")) {
                return today.plusDays(1);
            }
            if (w.startsWith("сегодн") || w.startsWith("бүгін")) {
                return today;
            }
            Optional<DayOfWeek> day = dayOfWeek(w);
            if (day.isPresent()) {
                return nextAfter(today, day.get());
            }
        }
        return today;
    }

    static String timeNamed(String text) {
        String lower = normalise(text);
        Matcher clock = CLOCK_TIME.matcher(lower);
        if (clock.find()) {
            return String.format("%02d:%s", Integer.parseInt(clock.group(1)), clock.group(2));
        }
        Matcher hour = HOUR_ONLY.matcher(lower);
        if (hour.find()) {
            return String.format("%02d:00", Integer.parseInt(hour.group(1)));
        }
        String words = " " + String.join(" ", words(text)) + " ";
        for (Map.Entry<String, List<String>> part : PARTS_OF_DAY.entrySet()) {
            if (part.getValue().stream().anyMatch(k -> words.contains(" " + k))) {
                return part.getKey();
            }
        }
        return "";
    }
}
