package kz.clinicai.calls.call;

import java.util.Locale;
import java.util.Set;

/** Where a call is; the lower-case name is what the API shows. */
public enum CallStatus {
    PENDING, SCHEDULED, RINGING, IN_PROGRESS, COMPLETED, NO_ANSWER, BUSY, FAILED, VOICEMAIL, TRANSFERRED;

    /** Calls that occupy a line (or are about to): counted by /health and the concurrency cap. */
    public static final Set<CallStatus> ACTIVE = Set.of(PENDING, RINGING, IN_PROGRESS);

    public boolean active() {
        return ACTIVE.contains(this);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
