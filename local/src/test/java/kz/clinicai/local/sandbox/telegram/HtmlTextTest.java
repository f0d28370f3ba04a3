package kz.clinicai.local.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import kz.clinicai.local.sandbox.telegram.HtmlText.Entity;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * parse_mode=HTML against the artefacts of the Bot API server: the inputs and expected results below are cases of
 * TDLib's own test of its HTML parser (tdlib/td {@code test/message_entities.cpp}, {@code TEST(MessageEntities,
 * parse_html)}, the parser the Bot API server runs), written here as data; the entity order and the fixing of nested
 * entities follow {@code fix_formatted_text} in {@code td/telegram/MessageEntity.cpp}; the error prefix and the JSON
 * field names follow tdlib/telegram-bot-api {@code Client.cpp}. Offsets and lengths count UTF-16 code units (🏟 and
 * ➡️ are two each).
 */
class HtmlTextTest {

    private static Entity e(String type, int offset, int length) {
        return new Entity(type, offset, length);
    }

    private static Entity e(String type, int offset, int length, String argument) {
        return new Entity(type, offset, length, argument, 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            🏟 🏟&lt;<abacaba                        | Unclosed start tag at byte offset 13
            🏟 🏟&lt;<abac aba>                      | Unsupported start tag "abac" at byte offset 13
            🏟 🏟&lt;<abac>                          | Unsupported start tag "abac" at byte offset 13
            🏟 🏟&lt;<i   =aba>                      | Empty attribute name in the tag "i" at byte offset 13
            🏟 🏟&lt;<i    aba>                      | Can't find end tag corresponding to start tag "i"
            `🏟 🏟&lt;<i    aba  =  `                | Unclosed start tag "i" at byte offset 13
            🏟 🏟&lt;<i    aba  =  190azAz-.,        | Unexpected end of name token at byte offset 27
            🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>  | Unclosed start tag at byte offset 13
            🏟 🏟&lt;<i    aba  =  '&lt;&gt;&quot;>  | Unclosed start tag at byte offset 13
            🏟 🏟&lt;</                              | Unexpected end tag at byte offset 13
            🏟 🏟&lt;<b></b></                       | Unexpected end tag at byte offset 20
            `🏟 🏟&lt;<i>a</i   `                    | Unclosed end tag at byte offset 17
            🏟 🏟&lt;<i>a</em   >                    | Unmatched end tag at byte offset 17, expected "</i>", found "</em>"
            &#57311;                                 | Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units
            &#xDFDF                                  | Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units
            <span>x</span>                           | Tag "span" must have class "tg-spoiler" at byte offset 0
            <tg-emoji emoji-id="0">x</tg-emoji>      | Invalid custom emoji identifier specified
            <tg-time unix="12345" format="rt">x</tg-time> | Invalid date format used
            Записаться <b>на приём                   | Can't find end tag corresponding to start tag "b"
            Цена < 8000 тенге                        | Unsupported start tag "" at byte offset 9
            """)
    void malformedMarkupIsRefusedWithTelegramsMessage(String html, String why) {
        assertThatThrownBy(() -> HtmlText.parse(html)).isInstanceOfSatisfying(BotApiError.class, e -> {
            assertThat(e.code).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Bad Request: can't parse entities: " + why);
        });
    }

    @Test
    void markupBecomesTextAndEntitiesAsTdlibParsesIt() {
        assertThat(HtmlText.markup("&ge;&lt;&gt;&amp;&quot;&laquo;&raquo;&#12345678;"))
                .isEqualTo(new HtmlText.Formatted("&ge;<>&\"&laquo;&raquo;&#12345678;", List.of()));
        assertThat(HtmlText.markup("&Or; &#x41;&#66 &#0;").text()).isEqualTo("&Or; AB &#0;");
        for (String[] tag : new String[][] {{"i", "italic"}, {"em", "italic"}, {"b", "bold"}, {"strong", "bold"},
                {"u", "underline"}, {"ins", "underline"}, {"s", "strikethrough"}, {"strike", "strikethrough"},
                {"del", "strikethrough"}, {"tg-spoiler", "spoiler"}, {"blockquote", "blockquote"}}) {
            assertThat(HtmlText.markup("➡️ ➡️<" + tag[0] + ">➡️ ➡️</" + tag[0] + ">"))
                    .isEqualTo(new HtmlText.Formatted("➡️ ➡️➡️ ➡️", List.of(e(tag[1], 5, 5))));
        }
        assertThat(HtmlText.markup("🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>")).isEqualTo(new HtmlText.Formatted(
                "🏟 🏟🏟 ><🏟", List.of(e("italic", 5, 7), e("bold", 9, 3))));
        assertThat(HtmlText.markup("🏟 🏟&lt;<i    aba  =  '&lt;&gt;&quot;'>a</>"))
                .isEqualTo(new HtmlText.Formatted("🏟 🏟<a", List.of(e("italic", 6, 1))));
        assertThat(HtmlText.markup("🏟 🏟&lt;<i>a</i   >"))
                .isEqualTo(new HtmlText.Formatted("🏟 🏟<a", List.of(e("italic", 6, 1))));
        assertThat(HtmlText.markup("➡️ ➡️<span class = \"tg-spoiler\">➡️ ➡️</span><b>➡️ ➡️</b>")).isEqualTo(
                new HtmlText.Formatted("➡️ ➡️➡️ ➡️➡️ ➡️", List.of(e("spoiler", 5, 5), e("bold", 10, 5))));
        assertThat(HtmlText.markup("🏟 🏟&lt;<b></b>")).isEqualTo(new HtmlText.Formatted("🏟 🏟<", List.of()));
        assertThat(HtmlText.markup("<code><i><b> </b></i></code><i><b><code> </code></b></i>").entities())
                .containsExactly(e("code", 0, 1), e("bold", 0, 1), e("italic", 0, 1), e("code", 1, 1),
                        e("bold", 1, 1), e("italic", 1, 1));
        assertThat(HtmlText.markup("<i><b> </b> <code> </code></i>").entities())
                .containsExactly(e("italic", 0, 3), e("bold", 0, 1), e("code", 2, 1));
    }

    @Test
    void linksMentionsPreAndCustomEntitiesAsTdlibParsesThem() {
        assertThat(HtmlText.markup("<a href=telegram.org>\t</a>").entities())
                .containsExactly(e("text_link", 0, 1, "http://telegram.org/"));
        assertThat(HtmlText.markup("<a   href=  'telegram.org?&lt;'   > </a>").entities())
                .containsExactly(e("text_link", 0, 1, "http://telegram.org/?<"));
        assertThat(HtmlText.markup("<a> </a>").entities()).isEmpty();
        assertThat(HtmlText.markup("<a>telegram.org </a>").entities()).isEmpty();
        assertThat(HtmlText.markup("<a>telegram.org</a>").entities())
                .containsExactly(e("text_link", 0, 12, "http://telegram.org/"));
        assertThat(HtmlText.markup("<a>https://telegram.org/asdsa?asdasdwe#12e3we</a>").entities())
                .containsExactly(e("text_link", 0, 42, "https://telegram.org/asdsa?asdasdwe#12e3we"));
        assertThat(HtmlText.markup("<a href=\"tg://user?id=500000001\">админ</a>").entities())
                .containsExactly(new Entity("text_mention", 0, 5, null, 500_000_001L));
        assertThat(HtmlText.markup("🏟 🏟&lt;<pre  >🏟 🏟&lt;</>").entities()).containsExactly(e("pre", 6, 6));
        assertThat(HtmlText.markup("🏟 🏟&lt;<code >🏟 🏟&lt;</>").entities()).containsExactly(e("code", 6, 6));
        assertThat(HtmlText.markup("🏟 🏟&lt;<pre><code>🏟 🏟&lt;</code></>").entities())
                .containsExactly(e("pre", 6, 6), e("code", 6, 6));
        assertThat(HtmlText.markup("🏟 🏟&lt;<pre><code class=\"language-\">🏟 🏟&lt;</code></>").entities())
                .containsExactly(e("pre", 6, 6), e("code", 6, 6));
        assertThat(HtmlText.markup("🏟 🏟&lt;<pre><code class=\"language-fift\">🏟 🏟&lt;</></>").entities())
                .containsExactly(e("pre", 6, 6, "fift"));
        assertThat(HtmlText.markup("🏟 🏟&lt;<code class=\"language-fift\"><pre>🏟 🏟&lt;</></>").entities())
                .containsExactly(e("pre", 6, 6, "fift"));
        assertThat(HtmlText.markup("🏟 🏟&lt;<pre><code class=\"language-fift\">🏟 🏟&lt;</> </>").entities())
                .containsExactly(e("pre", 6, 7), e("code", 6, 6));
        assertThat(HtmlText.markup("➡️ ➡️<tg-emoji emoji-id = \"12345\">➡️ ➡️</tg-emoji><b>➡️ ➡️</b>").entities())
                .containsExactly(e("custom_emoji", 5, 5, "12345"), e("bold", 10, 5));
        assertThat(HtmlText.markup("<blockquote   cite=\"\" askdlbas nasjdbaj nj12b3>a&lt;<pre  >b;</></>"))
                .isEqualTo(new HtmlText.Formatted("a<b;", List.of(e("blockquote", 0, 4), e("pre", 2, 2))));
        assertThat(HtmlText.markup("<blockquote   expandable   asd>a&lt;<pre  >b;</></>").entities())
                .containsExactly(e("expandable_blockquote", 0, 4), e("pre", 2, 2));
        assertThat(HtmlText.markup("➡️ ➡️<tg-time unix = \"12345\", format = \"r\">➡️ ➡️</tg-time>").entities())
                .containsExactly(new Entity("date_time", 5, 5, "r", 12345));
        assertThat(HtmlText.markup("<tg-time unix=\"12345\" format=\"tttTTdDwW\">x</tg-time>").entities())
                .containsExactly(new Entity("date_time", 0, 1, "wdt", 12345));
    }

    @Test
    void nestingIsFixedAsTelegramFixesItBeforeAnswering() {
        // The Bot API documentation's nesting example: styles inside styles are kept as they are.
        HtmlText.Formatted docs = HtmlText.parse("<b>bold <i>italic bold <s>italic bold strikethrough <span "
                + "class=\"tg-spoiler\">italic bold strikethrough spoiler</span></s> <u>underline italic bold</u></i>"
                + " bold</b>");
        assertThat(docs.text()).isEqualTo("bold italic bold italic bold strikethrough italic bold strikethrough "
                + "spoiler underline italic bold bold");
        assertThat(docs.entities()).containsExactly(e("bold", 0, 103), e("italic", 5, 93), e("strikethrough", 17, 59),
                e("spoiler", 43, 33), e("underline", 77, 21));
        // A style around a link or code is cut at their edges, and never reaches inside code.
        assertThat(HtmlText.parse("<b>a<a href=\"https://clinic.kz\">b</a>c</b>").entities()).containsExactly(
                e("bold", 0, 1), e("text_link", 1, 1, "https://clinic.kz/"), e("bold", 1, 1), e("bold", 2, 1));
        assertThat(HtmlText.parse("<b>x<code>y</code>z</b>").entities())
                .containsExactly(e("bold", 0, 1), e("code", 1, 1), e("bold", 2, 1));
        assertThat(HtmlText.parse("<code><b>y</b></code>").entities()).containsExactly(e("code", 0, 1));
        assertThat(HtmlText.parse("<b>a</b><b>b</b>").entities()).containsExactly(e("bold", 0, 2));
        // Blockquotes do not nest; a link and code do not contain each other (the first in Telegram's order stays).
        assertThat(HtmlText.parse("<blockquote>a<blockquote>b</blockquote></blockquote>").entities())
                .containsExactly(e("blockquote", 0, 2));
        assertThat(HtmlText.parse("<a href=\"https://clinic.kz\"><code>x</code></a>").entities())
                .containsExactly(e("code", 0, 1));
        // Spaces and new lines are trimmed from the ends; a leading one inside an entity stays.
        assertThat(HtmlText.parse("  <b> hi </b>  \n")).isEqualTo(new HtmlText.Formatted(" hi",
                List.of(e("bold", 0, 3))));
        assertThat(HtmlText.plain("\n  Запись подтверждена  \n")).isEqualTo(
                new HtmlText.Formatted("Запись подтверждена", List.of()));
        assertThatThrownBy(() -> HtmlText.parse("<b> </b>\n")).isInstanceOfSatisfying(BotApiError.class,
                e -> assertThat(e.getMessage()).isEqualTo("Bad Request: text must be non-empty"));
    }

    @Test
    void entitiesAreAnsweredInTheBotApisShape() {
        HtmlText.Formatted f = HtmlText.parse("<pre><code class=\"language-python\">print(1)</code></pre> "
                + "<a href=\"tg://user?id=7\">Айжан</a> <a href=\"tg://user?id=8\">кто-то</a> "
                + "<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji> <tg-time unix=\"1700000000\">x</tg-time>");
        var json = f.json(id -> id == 7 ? Optional.of(Json.mapper().createObjectNode().put("id", 7)
                .put("is_bot", false).put("first_name", "Айжан")) : Optional.empty());
        assertThat(json.toString()).isEqualTo("["
                + "{\"offset\":0,\"length\":8,\"type\":\"pre\",\"language\":\"python\"},"
                + "{\"offset\":9,\"length\":5,\"type\":\"text_mention\",\"user\":{\"id\":7,\"is_bot\":false,"
                + "\"first_name\":\"Айжан\"}},"
                + "{\"offset\":22,\"length\":2,\"type\":\"custom_emoji\",\"custom_emoji_id\":\"5368324170671202286\"},"
                + "{\"offset\":25,\"length\":1,\"type\":\"date_time\",\"unix_time\":1700000000,\"date_time_format\":\"\"}]");
    }
}
