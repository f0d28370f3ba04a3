package kz.clinicai.shared.infoclinica;

import java.time.LocalDate;
import java.time.LocalTime;

/** A free interval of a doctor's schedule; {@code schedIdent} names the schedule it belongs to (needed to reserve). */
public record Slot(LocalDate date, LocalTime start, LocalTime end, long schedIdent, long doctorCode) {
}
