package kz.clinicai.shared.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kz.clinicai.shared.infoclinica.Slot;
import org.junit.jupiter.api.Test;

class SlotChooserTest {
    static final LocalDate DAY = LocalDate.of(2025, 1, 30);

    static Slot at(String time) {
        LocalTime start = LocalTime.parse(time);
        return new Slot(DAY, start, start.plusMinutes(30), 1, 2);
    }

    static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> s.start().toString()).toList();
    }

    @Test
    void threeNearestToTheAskedTimeInClockOrder() {
        List<Slot> free = List.of(at("08:00"), at("09:00"), at("11:30"), at("12:00"), at("14:00"), at("17:00"));

        assertThat(starts(SlotChooser.nearest(free, LocalTime.of(12, 10), 3))).containsExactly("11:30", "12:00", "14:00");
        assertThat(starts(SlotChooser.nearest(free, LocalTime.of(8, 20), 3))).containsExactly("08:00", "09:00", "11:30");
    }

    @Test
    void tiesGoToTheEarlierTime() {
        List<Slot> free = List.of(at("09:00"), at("11:00"), at("15:00"));

        assertThat(starts(SlotChooser.nearest(free, LocalTime.of(10, 0), 1))).containsExactly("09:00");
    }

    @Test
    void withoutAnAskedTimeTheEarliest() {
        List<Slot> free = List.of(at("14:00"), at("08:00"), at("09:00"), at("11:00"));

        assertThat(starts(SlotChooser.nearest(free, null, 3))).containsExactly("08:00", "09:00", "11:00");
    }

    @Test
    void fewerThanThreeOrNone() {
        assertThat(starts(SlotChooser.nearest(List.of(at("16:00"), at("10:00")), LocalTime.NOON, 3)))
                .containsExactly("10:00", "16:00");
        assertThat(SlotChooser.nearest(List.of(), LocalTime.NOON, 3)).isEmpty();
    }
}
