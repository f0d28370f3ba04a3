package kz.clinicai.console.assistants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void keepsCommonLinesAndMarksChanges() {
        var diff = LineDiff.of("a\nb\nc", "a\nB\nc\nd");
        assertThat(diff).extracting(l -> l.marker() + l.text())
                .containsExactly(" a", "−b", "+B", " c", "+d");
    }

    @Test
    void identicalTextsHaveNoChanges() {
        assertThat(LineDiff.of("x\ny", "x\ny")).allMatch(l -> l.kind() == LineDiff.Kind.SAME);
    }
}
