package kz.clinicai.calls.reminders;

/**
 * One thing wrong with a reminder list: {@code entry} is the 0-based index in {@code entries} (null for the list's
 * own fields), {@code field} the JSON field, {@code code} a stable machine word, {@code message} for a person.
 */
public record Problem(Integer entry, String field, String code, String message) {
}
