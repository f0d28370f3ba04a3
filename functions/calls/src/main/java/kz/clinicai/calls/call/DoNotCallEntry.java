package kz.clinicai.calls.call;

/** A number on the do-not-call list: E.164, when it was put there (ISO instant), an optional note (who asked, why). */
public record DoNotCallEntry(String phone, String addedAt, String note) {
}
