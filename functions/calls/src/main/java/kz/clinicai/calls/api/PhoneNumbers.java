package kz.clinicai.calls.api;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.http.ApiException;

/** Callee numbers: parsed and validated with libphonenumber, normalised to E.164, with the callee's time zone. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    public record Parsed(String e164, String region) {
    }

    private final String defaultRegion;
    private final Map<String, ZoneId> zones;
    private final ZoneId fallbackZone;

    /** @param zones region code → the zone calling hours are judged in (configuration: CALLS_REGION_ZONES) */
    public PhoneNumbers(String defaultRegion, Map<String, ZoneId> zones, ZoneId fallbackZone) {
        this.defaultRegion = defaultRegion;
        this.zones = Map.copyOf(zones);
        this.fallbackZone = fallbackZone;
    }

    public Parsed parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("invalid_phone", "Field 'phone' is required (E.164, e.g. +77011234567)");
        }
        if (raw.length() > 32) {
            throw ApiException.badRequest("invalid_phone", "Field 'phone' is too long");
        }
        try {
            PhoneNumber number = UTIL.parse(raw, defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                throw ApiException.badRequest("invalid_phone",
                        "'phone' is not a valid phone number; give it in E.164, e.g. +77011234567 or +79019433546");
            }
            return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                    UTIL.getRegionCodeForNumber(number));
        } catch (NumberParseException e) {
            throw ApiException.badRequest("invalid_phone",
                    "'phone' cannot be read as a phone number; give it in E.164, e.g. +77011234567");
        }
    }

    public ZoneId zoneOf(Parsed number, Optional<String> requested) {
        if (requested.isPresent()) {
            try {
                return ZoneId.of(requested.get());
            } catch (RuntimeException e) {
                throw ApiException.badRequest("invalid_timezone", "'timezone' is not an IANA time zone id");
            }
        }
        return zones.getOrDefault(number.region(), fallbackZone);
    }
}
