package kz.clinicai.calls.reminders;

import java.time.LocalDate;

/**
 * A posted list: its id, the clinic it belongs to, the day of its appointments, how many entries it has, and the
 * clinic's URL that gets each entry's final outcome ({@code webhookUrl}, null: none; see {@link ReminderWebhooks}).
 */
public record ReminderList(String id, String clinic, LocalDate day, String createdAt, int total, String webhookUrl) {

    /** A list without a webhook. */
    public ReminderList(String id, String clinic, LocalDate day, String createdAt, int total) {
        this(id, clinic, day, createdAt, total, null);
    }
}
