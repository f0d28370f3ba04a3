package kz.clinicai.local.sandbox.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import kz.clinicai.shared.json.Json;

/**
 * A message text as Telegram stores it: {@code parse_mode=HTML} markup parsed into plain text and entities (UTF-16
 * offsets and lengths), nested entities fixed and the text trimmed the way the Bot API server does before it answers.
 * <p>
 * The rules are those of the Bot API's "HTML style" section (core.telegram.org/bots/api#html-style) as the Bot API
 * server implements them (tdlib/telegram-bot-api calls TDLib's {@code parseTextEntities}; parser in tdlib/td
 * {@code td/telegram/MessageEntity.cpp}, {@code parse_html} and {@code fix_formatted_text}): tags {@code b strong i em
 * u ins s strike del span(class="tg-spoiler") tg-spoiler a(href) code(class="language-…") pre blockquote(expandable)
 * tg-emoji(emoji-id) tg-time(unix, format)}, character references {@code &lt; &gt; &amp; &quot;} and numeric ones
 * (any other {@code &} stays text), and refusals with TDLib's messages behind the Bot API's prefix
 * {@code Bad Request: can't parse entities: }. Not modelled: entities Telegram finds by itself in any text (urls,
 * @mentions, hashtags, bot commands, e-mails, phone numbers).
 */
final class HtmlText {

    /** One MessageEntity; {@code argument} is the url, the pre language or the custom emoji id. */
    record Entity(String type, int offset, int length, String argument, long number) {

        Entity(String type, int offset, int length) {
            this(type, offset, length, null, 0);
        }

        int end() {
            return offset + length;
        }

        Entity span(int newOffset, int newLength) {
            return new Entity(type, newOffset, newLength, argument, number);
        }
    }

    /** The stored text and its entities, sorted as Telegram sorts them. */
    record Formatted(String text, List<Entity> entities) {

        /**
         * The {@code entities} field of a Message; {@code users} gives the User object of a text_mention, whose
         * entity is left out when the user is unknown (Telegram cannot mention someone it cannot resolve).
         */
        ArrayNode json(LongFunction<Optional<ObjectNode>> users) {
            ArrayNode out = Json.mapper().createArrayNode();
            for (Entity e : entities) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("offset", e.offset()).put("length", e.length()).put("type", e.type());
                switch (e.type()) {
                    case "text_link" -> o.put("url", e.argument());
                    case "pre" -> {
                        if (e.argument() != null) {
                            o.put("language", e.argument());
                        }
                    }
                    case "custom_emoji" -> o.put("custom_emoji_id", e.argument());
                    case "date_time" -> o.put("unix_time", e.number()).put("date_time_format", e.argument());
                    case "text_mention" -> {
                        Optional<ObjectNode> user = users.apply(e.number());
                        if (user.isEmpty()) {
                            continue;
                        }
                        o.set("user", user.get());
                    }
                    default -> {
                    }
                }
                out.add(o);
            }
            return out;
        }
    }

    private static final Set<String> TAGS = Set.of("a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
            "tg-spoiler", "tg-emoji", "tg-time", "span", "pre", "code", "blockquote");
    private static final Set<String> SPLITTABLE = Set.of("bold", "italic", "underline", "strikethrough", "spoiler");
    private static final Set<String> BLOCKQUOTES = Set.of("blockquote", "expandable_blockquote");
    private static final Set<String> PRE = Set.of("pre", "code", "date_time");
    // TDLib's order of entities that start together and are equally long (lower first).
    private static final Map<String, Integer> PRIORITY = Map.ofEntries(Map.entry("blockquote", 0),
            Map.entry("expandable_blockquote", 0), Map.entry("pre", 11), Map.entry("code", 20),
            Map.entry("date_time", 30), Map.entry("text_link", 49), Map.entry("text_mention", 49),
            Map.entry("bold", 90), Map.entry("italic", 91), Map.entry("underline", 92),
            Map.entry("strikethrough", 93), Map.entry("spoiler", 94), Map.entry("custom_emoji", 99));
    private static final Comparator<Entity> ORDER = Comparator.comparingInt(Entity::offset)
            .thenComparing(Comparator.comparingInt(Entity::length).reversed())
            .thenComparingInt(e -> priority(e));

    private HtmlText() {
    }

    private static int priority(Entity e) {
        // A pre block with a language sorts before one without.
        return e.type().equals("pre") && e.argument() != null ? 10 : PRIORITY.getOrDefault(e.type(), 50);
    }

    /** A text sent without parse_mode: no markup, only Telegram's trimming. */
    static Formatted plain(String text) {
        return fix(text, new ArrayList<>());
    }

    /** The markup's text and entities as written, before Telegram's fixes (what TDLib's parse_html yields). */
    static Formatted markup(String html) {
        return new Parser(html).run();
    }

    /** A text sent with {@code parse_mode=HTML}; refused with 400 as Telegram refuses malformed markup. */
    static Formatted parse(String html) {
        Formatted parsed = new Parser(html).run();
        return fix(parsed.text(), parsed.entities());
    }

    private static BotApiError refused(String why) {
        return BotApiError.badRequest("can't parse entities: " + why);
    }

    /** One pass over the markup, the way the Bot API server reads it. */
    private static final class Parser {

        private record Open(String tag, String argument, long date, int offset) {
        }

        private final String html;
        private final StringBuilder out = new StringBuilder();
        private final List<Entity> entities = new ArrayList<>();
        private final Deque<Open> open = new ArrayDeque<>();
        private int i;

        Parser(String html) {
            this.html = html;
        }

        private char at(int index) {
            return index < html.length() ? html.charAt(index) : '\0';
        }

        /** TDLib's whitespace; the end of the text counts as one. */
        private static boolean space(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\u000b';
        }

        private int bytes(int index) {
            return html.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
        }

        /** The text and its entities as written, before Telegram's fixes. */
        Formatted run() {
            while (i < html.length()) {
                char c = html.charAt(i);
                if (c == '&') {
                    int[] decoded = reference(i);
                    if (decoded != null) {
                        out.appendCodePoint(decoded[0]);
                        i = decoded[1];
                        continue;
                    }
                }
                if (c != '<') {
                    out.append(c);
                    i++;
                    continue;
                }
                if (at(i + 1) == '/') {
                    endTag();
                } else {
                    startTag();
                }
                i++;
            }
            if (!open.isEmpty()) {
                throw refused("Can't find end tag corresponding to start tag \"" + open.peek().tag() + "\"");
            }
            String text = out.toString();
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                boolean paired = Character.isHighSurrogate(c) ? k + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(k + 1)) : !Character.isLowSurrogate(c);
                if (!paired) {
                    throw refused("Text contains invalid Unicode characters after decoding HTML entities, check for "
                            + "unmatched surrogate code units");
                }
                if (Character.isHighSurrogate(c)) {
                    k++;
                }
            }
            List<Entity> result = new ArrayList<>();
            for (Entity e : entities) {
                // A language on a code entity only counts inside pre.
                result.add(e.type().equals("code") && e.argument() != null ? new Entity("code", e.offset(), e.length())
                        : e);
            }
            result.sort(ORDER);
            return new Formatted(text, result);
        }

        /** A character reference at {@code from}: {code point, index after it}, or null when it is plain text. */
        private int[] reference(int from) {
            int end = from + 1;
            long value = 0;
            if (at(end) == '#') {
                end++;
                boolean hex = at(end) == 'x';
                if (hex) {
                    end++;
                }
                while (hex ? Character.digit(at(end), 16) >= 0 && at(end) < 128 : at(end) >= '0' && at(end) <= '9') {
                    value = Math.min(value * (hex ? 16 : 10) + Character.digit(at(end), 16), Integer.MAX_VALUE);
                    end++;
                }
                if (value == 0 || value >= 0x10FFFF || end - from >= 10) {
                    return null;
                }
            } else {
                while (at(end) < 128 && Character.isLetter(at(end))) {
                    end++;
                }
                value = switch (html.substring(from + 1, end)) {
                    case "lt" -> '<';
                    case "gt" -> '>';
                    case "amp" -> '&';
                    case "quot" -> '"';
                    default -> 0;
                };
                if (value == 0) {
                    return null;
                }
            }
            return new int[] {(int) value, at(end) == ';' ? end + 1 : end};
        }

        private void startTag() {
            int begin = i++;
            while (!space(at(i)) && at(i) != '>') {
                i++;
            }
            if (i >= html.length()) {
                throw refused("Unclosed start tag at byte offset " + bytes(begin));
            }
            String tag = html.substring(begin + 1, i).toLowerCase(Locale.ROOT);
            if (!TAGS.contains(tag)) {
                throw refused("Unsupported start tag \"" + tag + "\" at byte offset " + bytes(begin));
            }
            String argument = "";
            long date = 0;
            while (at(i) != '>') {
                while (i < html.length() && space(at(i))) {
                    i++;
                }
                if (at(i) == '>') {
                    break;
                }
                int nameBegin = i;
                while (!space(at(i)) && "=>/\"'".indexOf(at(i)) < 0) {
                    i++;
                }
                String name = html.substring(nameBegin, i);
                if (name.isEmpty()) {
                    throw refused("Empty attribute name in the tag \"" + tag + "\" at byte offset " + bytes(begin));
                }
                while (i < html.length() && space(at(i))) {
                    i++;
                }
                if (at(i) != '=') {
                    if (i >= html.length()) {
                        throw refused("Unclosed start tag \"" + tag + "\" at byte offset " + bytes(begin));
                    }
                    if (tag.equals("blockquote") && name.equals("expandable")) {
                        argument = "1";
                    }
                    continue;
                }
                i++;
                while (i < html.length() && space(at(i))) {
                    i++;
                }
                if (i >= html.length()) {
                    throw refused("Unclosed start tag \"" + tag + "\" at byte offset " + bytes(begin));
                }
                String value = value();
                if (i >= html.length()) {
                    throw refused("Unclosed start tag at byte offset " + bytes(begin));
                }
                switch (tag + " " + name) {
                    case "a href", "tg-emoji emoji-id", "tg-time format" -> argument = value;
                    case "code class" -> argument = value.startsWith("language-") ? value.substring(9) : argument;
                    case "span class" -> argument = value.startsWith("tg-") ? value.substring(3) : argument;
                    case "blockquote expandable" -> argument = "1";
                    case "tg-time unix" -> date = number(value);
                    default -> {
                        // Other attributes are read and ignored, as Telegram does.
                    }
                }
            }
            if (tag.equals("span") && !argument.equals("spoiler")) {
                throw refused("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + bytes(begin));
            }
            open.push(new Open(tag, argument, date, out.length()));
        }

        /** An attribute value: a quoted string (references decoded) or a name token (lower-cased). */
        private String value() {
            char quote = at(i);
            if (quote != '"' && quote != '\'') {
                int tokenBegin = i;
                while (at(i) < 128 && (Character.isLetterOrDigit(at(i)) || at(i) == '.' || at(i) == '-')) {
                    i++;
                }
                if (!space(at(i)) && at(i) != '>') {
                    throw refused("Unexpected end of name token at byte offset " + bytes(tokenBegin));
                }
                return html.substring(tokenBegin, i).toLowerCase(Locale.ROOT);
            }
            i++;
            StringBuilder value = new StringBuilder();
            while (i < html.length() && at(i) != quote) {
                if (at(i) == '&') {
                    int[] decoded = reference(i);
                    if (decoded != null) {
                        value.appendCodePoint(decoded[0]);
                        i = decoded[1];
                        continue;
                    }
                }
                value.append(at(i++));
            }
            if (at(i) == quote && i < html.length()) {
                i++;
            }
            return value.toString();
        }

        private static long number(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private void endTag() {
            int begin = i;
            if (open.isEmpty()) {
                throw refused("Unexpected end tag at byte offset " + bytes(begin));
            }
            i += 2;
            while (!space(at(i)) && at(i) != '>') {
                i++;
            }
            String name = html.substring(begin + 2, Math.min(i, html.length())).toLowerCase(Locale.ROOT);
            while (i < html.length() && space(at(i))) {
                i++;
            }
            if (at(i) != '>' || i >= html.length()) {
                throw refused("Unclosed end tag at byte offset " + bytes(begin));
            }
            Open top = open.peek();
            if (!name.isEmpty() && !name.equals(top.tag())) {
                throw refused("Unmatched end tag at byte offset " + bytes(begin) + ", expected \"</" + top.tag()
                        + ">\", found \"</" + name + ">\"");
            }
            open.pop();
            int length = out.length() - top.offset();
            if (length > 0) {
                close(top, length);
            }
        }

        private void close(Open top, int length) {
            int offset = top.offset();
            Entity last = entities.isEmpty() ? null : entities.getLast();
            boolean sameSpan = last != null && last.offset() == offset && last.length() == length;
            switch (top.tag()) {
                case "b", "strong" -> entities.add(new Entity("bold", offset, length));
                case "i", "em" -> entities.add(new Entity("italic", offset, length));
                case "u", "ins" -> entities.add(new Entity("underline", offset, length));
                case "s", "strike", "del" -> entities.add(new Entity("strikethrough", offset, length));
                case "tg-spoiler", "span" -> entities.add(new Entity("spoiler", offset, length));
                case "blockquote" -> entities.add(new Entity(top.argument().isEmpty() ? "blockquote"
                        : "expandable_blockquote", offset, length));
                case "tg-emoji" -> {
                    long id = number(top.argument());
                    if (id <= 0) {
                        throw refused("Invalid custom emoji identifier specified");
                    }
                    entities.add(new Entity("custom_emoji", offset, length, Long.toString(id), 0));
                }
                case "tg-time" -> {
                    String format = dateFormat(top.argument());
                    if (top.date() > 0) {
                        entities.add(new Entity("date_time", offset, length, format, top.date()));
                    }
                }
                case "a" -> {
                    String url = top.argument().isEmpty() ? out.substring(offset) : top.argument();
                    long user = mentionedUser(url);
                    if (user > 0) {
                        entities.add(new Entity("text_mention", offset, length, null, user));
                    } else {
                        checkedLink(url).ifPresent(u -> entities.add(new Entity("text_link", offset, length, u, 0)));
                    }
                }
                case "pre" -> {
                    // <pre><code class="language-x">…</code></pre>: one pre entity with that language.
                    if (sameSpan && last.type().equals("code") && last.argument() != null) {
                        entities.set(entities.size() - 1, new Entity("pre", offset, length, last.argument(), 0));
                    } else {
                        entities.add(new Entity("pre", offset, length));
                    }
                }
                case "code" -> {
                    String language = top.argument().isEmpty() ? null : top.argument();
                    if (sameSpan && last.type().equals("pre") && language != null) {
                        entities.set(entities.size() - 1, new Entity("pre", offset, length, language, 0));
                    } else {
                        entities.add(new Entity("code", offset, length, language, 0));
                    }
                }
                default -> throw new IllegalStateException(top.tag());
            }
        }
    }

    /**
     * A tg-time format as the Bot API gives it back in {@code date_time_format}: "r" (relative), or day of week,
     * date and time precision in that order (the short form wins when both are given); "" for none.
     */
    static String dateFormat(String format) {
        if (format.equals("r") || format.equals("R")) {
            return "r";
        }
        if (!format.chars().allMatch(c -> "tTdDwW".indexOf(c) >= 0)) {
            throw refused("Invalid date format used");
        }
        return (format.matches(".*[wW].*") ? "w" : "") + (format.contains("d") ? "d" : format.contains("D") ? "D" : "")
                + (format.contains("t") ? "t" : format.contains("T") ? "T" : "");
    }

    /** The user id of a {@code tg://user?id=N} link, or 0. */
    static long mentionedUser(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (!u.startsWith("tg:")) {
            return 0;
        }
        u = u.substring(3);
        if (u.startsWith("//")) {
            u = u.substring(2);
        }
        if (!u.startsWith("user") || (u.length() > 4 && "/?#".indexOf(u.charAt(4)) < 0)) {
            return 0;
        }
        u = u.substring(4);
        if (u.startsWith("/")) {
            u = u.substring(1);
        }
        if (!u.startsWith("?")) {
            return 0;
        }
        int hash = u.indexOf('#');
        for (String parameter : (hash < 0 ? u.substring(1) : u.substring(1, hash)).split("&")) {
            if (parameter.startsWith("id=")) {
                try {
                    return Long.parseLong(parameter.substring(3));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * A link as Telegram keeps it in a text_link: http (the default) or https with a dotted host, normalised to
     * {@code scheme://host[:port]/path}; {@code tg://} links with a plain host. Anything else makes no entity.
     */
    static Optional<String> checkedLink(String link) {
        String lower = link.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tg:")) {
            String rest = link.substring(3);
            rest = rest.startsWith("//") ? rest.substring(2) : rest;
            int stop = 0;
            while (stop < rest.length() && "/?#".indexOf(rest.charAt(stop)) < 0) {
                stop++;
            }
            String host = rest.substring(0, stop).toLowerCase(Locale.ROOT);
            if (host.isEmpty() || !host.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'
                    || c == '_'))) {
                return Optional.empty();
            }
            String query = rest.substring(stop);
            return Optional.of("tg://" + host + (query.startsWith("/?") ? query.substring(1) : query));
        }
        String scheme = "http";
        String rest = link;
        int colon = link.indexOf("://");
        if (colon >= 0) {
            scheme = lower.substring(0, colon);
            rest = link.substring(colon + 3);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
        }
        int stop = 0;
        while (stop < rest.length() && "/?#".indexOf(rest.charAt(stop)) < 0) {
            stop++;
        }
        String authority = rest.substring(0, stop);
        String path = rest.substring(stop);
        String userinfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userinfo = authority.substring(0, at + 1);
            authority = authority.substring(at + 1);
        }
        String host = authority.toLowerCase(Locale.ROOT);
        String port = "";
        int portAt = host.lastIndexOf(':');
        if (portAt >= 0) {
            port = host.substring(portAt);
            host = host.substring(0, portAt);
            if (!port.substring(1).matches("\\d{1,5}")) {
                return Optional.empty();
            }
        }
        if (host.isEmpty() || !host.contains(".") || host.chars().anyMatch(c -> c <= ' ' || "<>\"\\^`{|}".indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + userinfo + host + port + (path.startsWith("/") ? path : "/" + path));
    }

    /**
     * Telegram's fixes to a parsed text: entities made properly nested (splittable styles cut where other entities
     * begin or end and dropped inside code/pre, link-like entities and blockquotes that cross each other dropped),
     * then spaces and new lines trimmed from both ends. An empty result is refused.
     */
    static Formatted fix(String text, List<Entity> parsed) {
        List<Entity> entities = new ArrayList<>(parsed.stream().filter(e -> e.length() > 0).sorted(ORDER).toList());
        List<Entity> others = nonIntersecting(entities.stream()
                .filter(e -> !SPLITTABLE.contains(e.type()) && !BLOCKQUOTES.contains(e.type())).toList());
        List<Entity> quotes = nonIntersecting(entities.stream().filter(e -> BLOCKQUOTES.contains(e.type())).toList());
        // A link, mention or code may sit inside a blockquote, never across its edge nor around it.
        others = new ArrayList<>(others.stream().filter(e -> quotes.stream().allMatch(q -> q.end() <= e.offset()
                || e.end() <= q.offset() || (q.offset() <= e.offset() && e.end() <= q.end()))).toList());
        others.addAll(quotes);
        List<Integer> cuts = new ArrayList<>();
        others.forEach(e -> {
            cuts.add(e.offset());
            cuts.add(e.end());
        });
        List<Entity> result = new ArrayList<>(others);
        for (String type : List.of("bold", "italic", "underline", "strikethrough", "spoiler")) {
            for (int[] range : union(entities.stream().filter(e -> e.type().equals(type)).toList())) {
                List<Integer> points = new ArrayList<>(List.of(range[0], range[1]));
                cuts.stream().filter(c -> c > range[0] && c < range[1]).forEach(points::add);
                List<Integer> sorted = points.stream().distinct().sorted().toList();
                for (int k = 0; k + 1 < sorted.size(); k++) {
                    int from = sorted.get(k);
                    int to = sorted.get(k + 1);
                    boolean insidePre = others.stream().anyMatch(o -> PRE.contains(o.type()) && o.offset() <= from
                            && to <= o.end());
                    if (!insidePre) {
                        result.add(new Entity(type, from, to - from));
                    }
                }
            }
        }
        result.sort(ORDER);
        return trim(text, result);
    }

    /** Keeps, in order, each entity that starts at or after the end of the last one kept. */
    private static List<Entity> nonIntersecting(List<Entity> sorted) {
        List<Entity> kept = new ArrayList<>();
        int end = 0;
        for (Entity e : sorted) {
            if (e.offset() >= end) {
                kept.add(e);
                end = e.end();
            }
        }
        return kept;
    }

    /** The ranges of entities of one type, overlapping or touching ones joined. */
    private static List<int[]> union(List<Entity> sorted) {
        List<int[]> out = new ArrayList<>();
        for (Entity e : sorted) {
            if (!out.isEmpty() && e.offset() <= out.getLast()[1]) {
                out.getLast()[1] = Math.max(out.getLast()[1], e.end());
            } else {
                out.add(new int[] {e.offset(), e.end()});
            }
        }
        return out;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\n';
    }

    private static Formatted trim(String text, List<Entity> entities) {
        int last = text.length() - 1;
        while (last >= 0 && blank(text.charAt(last))) {
            last--;
        }
        if (last < 0) {
            throw BotApiError.badRequest("text must be non-empty");
        }
        int end = last + 1;
        List<Entity> cut = new ArrayList<>();
        for (Entity e : entities) {
            if (e.offset() < end) {
                cut.add(e.end() > end ? e.span(e.offset(), end - e.offset()) : e);
            }
        }
        cut.sort(ORDER);
        int first = 0;
        int firstEntity = cut.isEmpty() ? end : cut.getFirst().offset();
        while (first < firstEntity && blank(text.charAt(first))) {
            first++;
        }
        int shift = first;
        List<Entity> shifted = cut.stream().map(e -> e.span(e.offset() - shift, e.length())).toList();
        return new Formatted(text.substring(first, end), shifted);
    }
}
