package kz.clinicai.calls.call;

/**
 * The calls settings the console changes at run time, as stored (one item of the calls table). A null field is unset:
 * the function's own default (its template parameter) applies.
 *
 * @param operatorPhone        E.164 number the model transfers a call to; "" = no operator (the call ends instead)
 * @param callingHours         "09:00-21:00", in the callee's local time
 * @param retryIntervalSeconds wait before the next attempt after no answer or busy
 * @param maxAttempts          attempts per call
 * @param updatedAt            when they were last saved (ISO instant); set by the repository
 */
public record StoredSettings(String operatorPhone, String callingHours, Integer retryIntervalSeconds,
                             Integer maxAttempts, String updatedAt) {

    public static final StoredSettings NONE = new StoredSettings(null, null, null, null, null);
}
