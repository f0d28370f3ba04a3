package kz.clinicai.shared.booking;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import kz.clinicai.shared.infoclinica.Slot;

/** Picks the times to offer: those nearest to what the patient asked, spoken in clock order. */
final class SlotChooser {
    static final int MAX_OFFERS = 3;

    private SlotChooser() {
    }

    /**
     * The (at most) {@code limit} slots whose start is nearest to {@code target}, earlier first on ties; with no target,
     * the earliest. The result is ordered by start time.
     */
    public static List<Slot> nearest(List<Slot> slots, LocalTime target, int limit) {
        Comparator<Slot> byStart = Comparator.comparing(Slot::date).thenComparing(Slot::start);
        Comparator<Slot> order = target == null
                ? byStart
                : Comparator.<Slot>comparingLong(s -> Math.abs(Duration.between(target, s.start()).toMinutes()))
                        .thenComparing(byStart);
        return slots.stream().sorted(order).limit(limit).sorted(byStart).toList();
    }
}
