package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kz.clinicai.local.ProjectRoot;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenario signs its webhook requests with a pure-JS HMAC-SHA256 (VoxEngine's Crypto.hmac_sha256 exists, but the
 * encoding of its result is documented nowhere). Its functions are cut out of the scenario file as they are — not
 * copied — run in GraalJS and compared with javax.crypto on UTF-8 text (Russian, Kazakh letters, emoji) and keys of
 * block-boundary lengths.
 */
class ScenarioHmacTest {

    private static Context js;
    private static Value hmac;

    @BeforeAll
    static void load() throws Exception {
        String script = Files.readString(ProjectRoot.find(Path.of("")).resolve("functions/calls/scenario/outbound-call.js"));
        String source = String.join("\n", between(script, "var K256 = [", "];"), function(script, "utf8"),
                function(script, "sha256"), function(script, "hmacSha256Hex"), "hmacSha256Hex");
        js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        hmac = js.eval("js", source);
        assertThat(hmac.canExecute()).isTrue();
    }

    @AfterAll
    static void close() {
        js.close();
    }

    @Test
    void theScenariosHmacEqualsJavaxCryptoOnUtf8TextAndBlockBoundaryKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int bytes : new int[] {0, 1, 63, 64, 65, 200}) {
            keys.add("k".repeat(bytes));
        }
        keys.add("ключ".repeat(8));                   // 64 bytes of two-byte letters
        keys.add("қазақша-кілт-".repeat(5) + "ә");    // over one block, two-byte Kazakh letters
        keys.add("🔑".repeat(16) + "x");              // 65 bytes of four-byte characters
        List<String> texts = List.of("", "a", "x".repeat(55), "x".repeat(56), "x".repeat(64), "x".repeat(119),
                "1733560000.3f1a.{\"type\":\"turn\",\"text\":\"Здравствуйте, а сколько стоит консультация?\"}",
                "Сәлеметсіз бе! Қалайсыз? Өте жақсы, рахмет. Ұлы Үкі Һ ғ ң ө ұ ү һ і ә қ",
                "emoji 😀 and ASCII and кириллица " + "ё".repeat(300));
        int checked = 0;
        for (String key : keys) {
            for (String text : texts) {
                assertThat(hmac.execute(key, text).asString()).as("key of %d bytes, text %s",
                        key.getBytes(StandardCharsets.UTF_8).length, text).isEqualTo(javax(key, text));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(keys.size() * texts.size());
    }

    private static String javax(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        // javax refuses an empty key; HMAC pads it with zeros, which a one-zero-byte key gives too
        mac.init(new SecretKeySpec(k.length == 0 ? new byte[1] : k, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The declaration {@code function name(…) {…}} as it stands in the script. */
    private static String function(String script, String name) {
        int start = script.indexOf("function " + name + "(");
        assertThat(start).as("function " + name + " in the scenario").isNotNegative();
        int depth = 0;
        for (int i = script.indexOf('{', start); i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return script.substring(start, i + 1);
            }
        }
        throw new AssertionError("unbalanced function " + name);
    }

    private static String between(String script, String from, String to) {
        int start = script.indexOf(from);
        assertThat(start).as(from + " in the scenario").isNotNegative();
        return script.substring(start, script.indexOf(to, start) + to.length());
    }
}
