package kz.clinicai.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void longTranscriptSplitsOnLineBoundariesUnderTheLimit() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("[09.04 11:31] Посетитель: сообщение номер ").append(i).append('\n');
        }

        List<String> parts = MessageSplitter.split(text.toString(), 4000);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThan(4096));
        assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("[09.04 11:31]").endsWith(p.substring(p.lastIndexOf(' '))));
        assertThat(String.join("\n", parts)).isEqualTo(text.toString().strip());
    }

    @Test
    void aSingleOverlongLineIsCutWithoutBreakingSurrogatePairs() {
        String line = "😀".repeat(3000);

        List<String> parts = MessageSplitter.split(line, 4095);

        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(4095);
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        });
        assertThat(String.join("", parts)).isEqualTo(line);
    }

    @Test
    void shortTextIsOnePart() {
        assertThat(MessageSplitter.split("привет\nмир", 4000)).containsExactly("привет\nмир");
    }

    @Test
    void callbackDataOver64BytesIsRefused() {
        assertThatThrownBy(() -> new TelegramCall.Button("x", "take:" + "я".repeat(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TelegramCall.Button("Взять чат", "take:AbCdEfGhIj").data()).hasSizeLessThan(64);
    }
}
