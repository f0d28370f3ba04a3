package kz.clinicai.shared.clinic;

import java.time.LocalTime;

/** Opening hours of one weekday, {@code [open, close)}; written "08:00-20:00" in the clinic's config. */
public record WorkingHours(LocalTime open, LocalTime close) {
    public WorkingHours {
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("open must be before close: " + open + "-" + close);
        }
    }

    public static WorkingHours parse(String text) {
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Working hours must look like 08:00-20:00, not " + text);
        }
        return new WorkingHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(open) && time.isBefore(close);
    }

    @Override
    public String toString() {
        return open + "-" + close;
    }
}
