package kz.clinicai.shared.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as they may appear in logs: country code, operator prefix and the last two digits, e.g.
 * {@code +7 701 *** ** 67}. Enough to tell calls apart and to match a complaint, not enough to call back.
 */
public final class PhoneMasking {

    // Numbers without "+" are local to the clinics' market; "8 701 ..." is Kazakhstan's trunk-prefixed form.
    private static final String DEFAULT_REGION = "KZ";
    private static final int SHOWN_PREFIX = 3;
    private static final int SHOWN_SUFFIX = 2;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneMasking() {
    }

    /** The masked number; input that is not a valid phone number keeps only its last two digits; null → "". */
    public static String mask(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        try {
            PhoneNumber number = UTIL.parse(raw, DEFAULT_REGION);
            String national = UTIL.getNationalSignificantNumber(number);
            // Valid, not merely possible: the parser finds "numbers" in any text, and a short local number
            // would be shown as if it were +7 and its prefix.
            if (UTIL.isValidNumber(number) && national.length() >= SHOWN_PREFIX + SHOWN_SUFFIX + 2) {
                return "+" + number.getCountryCode() + " " + national.substring(0, SHOWN_PREFIX) + " "
                        + stars(national.length() - SHOWN_PREFIX - SHOWN_SUFFIX) + " "
                        + national.substring(national.length() - SHOWN_SUFFIX);
            }
        } catch (NumberParseException e) {
            // Not a phone number: fall through to the digits-only mask.
        }
        return maskDigits(raw);
    }

    // Grouped like the digits they hide ("*** **"), so a masked number still reads as a phone number.
    private static String stars(int count) {
        if (count <= 3) {
            return "*".repeat(count);
        }
        return "***" + " " + "*".repeat(count - 3);
    }

    // Only the digits survive: whatever else the input held (a name, a note) stays out of the log too.
    private static String maskDigits(String raw) {
        String digits = raw.codePoints()
                .filter(Character::isDigit)
                .map(c -> Character.forDigit(Character.digit(c, 10), 10))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        int hidden = Math.max(0, digits.length() - SHOWN_SUFFIX);
        return "*".repeat(hidden) + digits.substring(hidden);
    }
}
