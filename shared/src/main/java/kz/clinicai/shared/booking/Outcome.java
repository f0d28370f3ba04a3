package kz.clinicai.shared.booking;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.Slot;

/** What a turn of the dialogue came to; the ACS reply is built from it and nothing else. */
public sealed interface Outcome {

    /** Free times offered for {@code date} (at most three, by start time; none = no windows that day). */
    record FreeTimes(LocalDate date, String doctorName, List<Slot> offered) implements Outcome {
        public FreeTimes {
            offered = List.copyOf(offered);
        }
    }

    /** The appointment now is (or already was) at this date and time. */
    record Booked(LocalDate date, LocalTime time, String doctorName) implements Outcome {
    }

    /** The asked time could not be booked; the alternatives nearest to it that day (at most three). */
    record SlotTaken(LocalDate date, LocalTime askedTime, String doctorName, List<Slot> alternatives)
            implements Outcome {
        public SlotTaken {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The clinic does not work then; {@code time} null when a whole day was asked for. */
    record NonWorkTime(LocalDate date, LocalTime time) implements Outcome {
    }

    /** @param message what the robot may say ("Запись успешно удалена", or that it was already cancelled) */
    record Cancelled(Appointment appointment, String message) implements Outcome {
    }

    record CancelFailed(Appointment appointment, String reason) implements Outcome {
    }

    /** The patient confirms (or asks nothing that changes) the appointment. */
    record NoActionRequired(Appointment appointment) implements Outcome {
    }

    record NotUnderstood() implements Outcome {
    }

    record UnknownMedElement(String detail) implements Outcome {
    }

    record Failure(String message) implements Outcome {
    }
}
