package kz.clinicai.analytics.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the worker's code asks for is in texts.properties (a missing one would fail a call at run time). */
class TextsTest {

    private static final Pattern USE = Pattern.compile("Texts\\.(?:get|format)\\(\"([\\w.]+)\"\\s*[,)]");

    @Test
    void everyKeyTheCodeNamesHasItsText() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/kz/clinicai/analytics/worker"))) {
            for (Path f : files.toList()) {
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).contains("reason.noSpeech", "analysis.input", "transcription.vocabulary");
        for (String key : keys) {
            assertThat(Texts.get(key)).as(key).isNotBlank();
        }
        // Built from a prefix, not named whole above: the criterion types.
        for (String type : new String[] {"enum", "boolean", "score", "text"}) {
            assertThat(Texts.get("type." + type)).isNotBlank();
        }
        assertThat(Texts.format("reason.profileDeleted", "demo-1")).isEqualTo("профиль demo-1 удалён");
        assertThat(Texts.get("analysis.truncated")).startsWith("\n[");
        assertThatThrownBy(() -> Texts.get("no.such.key")).isInstanceOf(IllegalStateException.class);
    }
}
