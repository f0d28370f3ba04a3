package kz.clinicai.voicebot.acs;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kz.clinicai.shared.time.Lang;
import kz.clinicai.shared.time.LocalizedDates;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.Slot;

/** Builds the ACS reply from an outcome, deterministically: same outcome and day, same JSON. */
public final class AcsReplyFormatter {

    private AcsReplyFormatter() {
    }

    /** @param today the clinic's current date (for _today / _tomorrow and day / day_kz) */
    public static AcsReply format(Outcome outcome, LocalDate today) {
        return switch (outcome) {
            case Outcome.FreeTimes f -> offers(byCount(f.offered().size(),
                            AcsStatus.ERROR_EMPTY_WINDOWS, AcsStatus.ONLY_FIRST_TIME, AcsStatus.ONLY_TWO_TIME,
                            AcsStatus.WHICH_TIME), f.date(), today, null, f.doctorName(), f.offered());
            case Outcome.SlotTaken t -> offers(byCount(t.alternatives().size(),
                            AcsStatus.ERROR_CHANGE_RECEPTION_BAD_DATE, AcsStatus.CHANGE_ONLY_FIRST_TIME,
                            AcsStatus.CHANGE_ONLY_TWO_TIME, AcsStatus.ERROR_CHANGE_RECEPTION),
                    t.date(), today, t.askedTime(), t.doctorName(), t.alternatives());
            case Outcome.Booked b -> dated(AcsStatus.SUCCESS_CHANGE_RECEPTION, b.date(), today)
                    .time(LocalizedDates.time(b.time())).specialist(b.doctorName()).build();
            case Outcome.NonWorkTime n -> dated(AcsStatus.NONWORKTIME, n.date(), today)
                    .time(n.time() == null ? null : LocalizedDates.time(n.time())).build();
            case Outcome.Cancelled c -> appointment(AcsStatus.SUCCESS_DELETING_RECEPTION, c.appointment(), today)
                    .message(c.message()).build();
            case Outcome.CancelFailed c -> appointment(AcsStatus.ERROR_DELETING_RECEPTION, c.appointment(), today)
                    .message(c.reason()).build();
            case Outcome.NoActionRequired n -> appointment(AcsStatus.NO_ACTION_REQUIRED, n.appointment(), today)
                    .build();
            case Outcome.NotUnderstood u -> AcsReply.builder(AcsStatus.BAD_USER_INPUT.wireName()).build();
            case Outcome.UnknownMedElement m -> AcsReply.builder(AcsStatus.ERROR_MED_ELEMENT.wireName())
                    .message(m.detail()).build();
            case Outcome.Failure f -> AcsReply.error(f.message());
        };
    }

    private static AcsStatus byCount(int count, AcsStatus none, AcsStatus one, AcsStatus two, AcsStatus three) {
        return switch (count) {
            case 0 -> none;
            case 1 -> one;
            case 2 -> two;
            default -> three;
        };
    }

    private static AcsReply offers(AcsStatus status, LocalDate date, LocalDate today, LocalTime asked, String doctor,
                                   List<Slot> slots) {
        AcsReply.Builder builder = dated(status, date, today).specialist(doctor);
        if (asked != null) {
            builder.time(LocalizedDates.time(asked));
        }
        return builder.offers(startAt(slots, 0), startAt(slots, 1), startAt(slots, 2)).build();
    }

    private static String startAt(List<Slot> slots, int index) {
        return slots.size() > index ? LocalizedDates.time(slots.get(index).start()) : null;
    }

    private static AcsReply.Builder appointment(AcsStatus status, Appointment a, LocalDate today) {
        return dated(status, a.date(), today).time(LocalizedDates.time(a.time())).specialist(a.doctorName());
    }

    private static AcsReply.Builder dated(AcsStatus status, LocalDate date, LocalDate today) {
        return AcsReply.builder(status.wireName(date, today)).date(
                LocalizedDates.dayMonth(date, Lang.RU), LocalizedDates.dayMonth(date, Lang.KK),
                LocalizedDates.weekday(date, Lang.RU), LocalizedDates.weekday(date, Lang.KK),
                LocalizedDates.relativeDay(date, today, Lang.RU).orElse(null),
                LocalizedDates.relativeDay(date, today, Lang.KK).orElse(null));
    }
}
