package kz.clinicai.calls.settings;

import java.time.Duration;
import kz.clinicai.calls.api.CallingHours;

/**
 * The settings a calls function acts on: the stored ones (the console's) where set, the function's template
 * parameters where not.
 *
 * @param operatorPhone E.164 number a call is transferred to; "" = none (the call ends instead)
 * @param hours         null in a function that does not judge calling hours (the webhook)
 */
public record RuntimeSettings(String operatorPhone, CallingHours hours, Duration retryInterval, int maxAttempts) {
}
