package kz.clinicai.calls.reminders;

import java.time.LocalDate;

/** A posted list: its id, the clinic it belongs to, the day of its appointments, how many entries it has. */
public record ReminderList(String id, String clinic, LocalDate day, String createdAt, int total) {
}
