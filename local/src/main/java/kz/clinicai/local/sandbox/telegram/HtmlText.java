package kz.clinicai.local.sandbox.telegram;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * parse_mode=HTML as Telegram applies it: the supported tags are formatting and disappear from the stored text,
 * anything else is refused the way the real API refuses it. Entities are not reconstructed.
 */
final class HtmlText {

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a",
            "code", "pre", "span", "tg-spoiler", "tg-emoji", "blockquote");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");

    private HtmlText() {
    }

    static String plain(String html) {
        StringBuilder out = new StringBuilder();
        Matcher m = TAG.matcher(html);
        int at = 0;
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (!TAGS.contains(name)) {
                throw BotApiError.badRequest("can't parse entities: Unsupported start tag \"" + name
                        + "\" at byte offset " + html.substring(0, m.start()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
            out.append(html, at, m.start());
            at = m.end();
        }
        out.append(html.substring(at));
        if (out.indexOf("<") >= 0) {
            throw BotApiError.badRequest("can't parse entities: Unexpected end of name token");
        }
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
