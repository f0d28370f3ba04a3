package kz.clinicai.local.sandbox.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class A1RangeTest {

    @Test
    void parsesTheShapesTheApiTakes() {
        assertThat(A1Range.parse("Calls!A1:F1", n -> false)).contains(new A1Range(Optional.of("Calls"), 0, 0, 5, 0));
        assertThat(A1Range.parse("'Звонки'!A:Z", n -> false))
                .contains(new A1Range(Optional.of("Звонки"), 0, 0, 25, A1Range.OPEN));
        assertThat(A1Range.parse("'It''s'!B2", n -> false)).contains(new A1Range(Optional.of("It's"), 1, 1, 1, 1));
        assertThat(A1Range.parse("Calls", "Calls"::equals))
                .contains(new A1Range(Optional.of("Calls"), 0, 0, A1Range.OPEN, A1Range.OPEN));
        assertThat(A1Range.parse("A2:C", n -> false))
                .contains(new A1Range(Optional.empty(), 0, 1, 2, A1Range.OPEN));
        assertThat(A1Range.parse("Sheet1!AA10:AB", n -> false))
                .contains(new A1Range(Optional.of("Sheet1"), 26, 9, 27, A1Range.OPEN));
        assertThat(A1Range.parse("Sheet1!C1:A1", n -> false)).isEmpty();
        assertThat(A1Range.parse("no such sheet", n -> false)).isEmpty();
    }

    @Test
    void formatsColumnsAndQuotesSheetNamesThatAreNotPlainWords() {
        assertThat(A1Range.columnName(0)).isEqualTo("A");
        assertThat(A1Range.columnName(25)).isEqualTo("Z");
        assertThat(A1Range.columnName(26)).isEqualTo("AA");
        assertThat(A1Range.columnName(701)).isEqualTo("ZZ");
        assertThat(A1Range.columnIndex("AAA")).isEqualTo(702);
        assertThat(A1Range.format("Calls", 0, 0, 3, 1)).isEqualTo("Calls!A1:D2");
        assertThat(A1Range.format("Мой лист", 0, 4, 0, 4)).isEqualTo("'Мой лист'!A5:A5");
    }
}
