package kz.clinicai.calls.api;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of the calls API.
 *
 * @param maxConcurrent cap on active calls (pending, ringing, in progress); beyond it POST /calls answers 429
 * @param modes         the dialogue modes this deployment offers; the first is the default
 * @param hours         calling hours unless the console's settings set others (so for retryInterval, maxAttempts and
 *                      operatorPhone: the template's defaults, see LiveSettings)
 * @param operatorPhone E.164 number of the operator; "" = none
 */
public record CallsSettings(int maxConcurrent, CallingHours hours, String defaultRegion, Map<String, ZoneId> zones,
                            ZoneId fallbackZone, String defaultMode, Set<String> modes, String defaultLanguage,
                            String defaultGreeting, Duration retryInterval, int maxAttempts, String version,
                            String operatorPhone) {

    /** Without an operator. */
    public CallsSettings(int maxConcurrent, CallingHours hours, String defaultRegion, Map<String, ZoneId> zones,
                         ZoneId fallbackZone, String defaultMode, Set<String> modes, String defaultLanguage,
                         String defaultGreeting, Duration retryInterval, int maxAttempts, String version) {
        this(maxConcurrent, hours, defaultRegion, zones, fallbackZone, defaultMode, modes, defaultLanguage,
                defaultGreeting, retryInterval, maxAttempts, version, "");
    }

    public static final Set<String> ALL_MODES = Set.of("asr", "record", "realtime");
}
