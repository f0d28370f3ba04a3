package kz.clinicai.voicebot.acs;

import java.time.LocalDate;
import java.util.Locale;

/** Statuses the ACS robot understands; the suffixable ones get _today / _tomorrow for those dates. */
enum AcsStatus {
    SUCCESS_CHANGE_RECEPTION(true),
    WHICH_TIME(true),
    ONLY_FIRST_TIME(true),
    ONLY_TWO_TIME(true),
    ERROR_CHANGE_RECEPTION(true),
    CHANGE_ONLY_FIRST_TIME(true),
    CHANGE_ONLY_TWO_TIME(true),
    ERROR_EMPTY_WINDOWS(true),
    SUCCESS_DELETING_RECEPTION(false),
    ERROR_DELETING_RECEPTION(false),
    ERROR_CHANGE_RECEPTION_BAD_DATE(false),
    NONWORKTIME(false),
    BAD_USER_INPUT(false),
    ERROR_MED_ELEMENT(false),
    NO_ACTION_REQUIRED(false),
    ERROR(false);

    private final boolean suffixable;

    AcsStatus(boolean suffixable) {
        this.suffixable = suffixable;
    }

    public boolean suffixable() {
        return suffixable;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name, with _today / _tomorrow when suffixable and {@code date} is that day. */
    public String wireName(LocalDate date, LocalDate today) {
        if (suffixable && date != null) {
            if (date.equals(today)) {
                return wireName() + "_today";
            }
            if (date.equals(today.plusDays(1))) {
                return wireName() + "_tomorrow";
            }
        }
        return wireName();
    }
}
