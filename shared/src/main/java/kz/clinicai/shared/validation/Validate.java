package kz.clinicai.shared.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import kz.clinicai.shared.http.ApiException;

/**
 * The one place where caller input is checked before it reaches storage or an external API: lengths (DynamoDB
 * refuses a partition key over 2,048 bytes and a sort key over 1,024 with an error, not a miss; Telegram refuses
 * callback_data over 64 bytes), finite numbers in range (NaN and Infinity pass every {@code <}/{@code >} check),
 * JSON types (a number is not a message), and text that says something (not only spaces, control or zero-width
 * characters). Every failure is a 400 {@code invalid_<field>} whose message names the field and the rule, never
 * the value. HTTP routes let it propagate; queue consumers catch {@link ApiException} and drop the record, since a
 * retry cannot make bad input good.
 */
public final class Validate {

    /** DynamoDB's limit for a sort key (the smaller of the two key limits), in UTF-8 bytes. */
    public static final int DYNAMODB_SORT_KEY_BYTES = 1024;
    /** DynamoDB's limit for a partition key, in UTF-8 bytes. */
    public static final int DYNAMODB_PARTITION_KEY_BYTES = 2048;
    /** Telegram's limit for an inline button's callback_data, in UTF-8 bytes. */
    public static final int TELEGRAM_CALLBACK_DATA_BYTES = 64;

    private Validate() {
    }

    /**
     * A value used in a storage key: non-blank, at most {@code maxChars} characters and at most
     * {@link #DYNAMODB_SORT_KEY_BYTES} UTF-8 bytes, no control characters.
     */
    public static String key(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        if (value.codePointCount(0, value.length()) > maxChars || utf8Length(value) > DYNAMODB_SORT_KEY_BYTES) {
            throw invalid(field, "is longer than " + maxChars + " characters");
        }
        if (value.codePoints().anyMatch(Validate::isControl)) {
            throw invalid(field, "contains control characters");
        }
        return value;
    }

    /** Text of at most {@code maxBytes} UTF-8 bytes (a wire limit such as Telegram's callback_data). */
    public static String maxBytes(String field, String value, int maxBytes) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        if (utf8Length(value) > maxBytes) {
            throw invalid(field, "is longer than " + maxBytes + " bytes");
        }
        return value;
    }

    /**
     * Text a person wrote: stripped, at least one visible character (not only whitespace, control, format or
     * zero-width characters), at most {@code maxChars} code points.
     */
    public static String text(String field, String value, int maxChars) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        String stripped = value.strip();
        if (stripped.codePoints().noneMatch(Validate::isVisible)) {
            throw invalid(field, "must contain visible characters");
        }
        if (stripped.codePointCount(0, stripped.length()) > maxChars) {
            throw invalid(field, "is longer than " + maxChars + " characters");
        }
        return stripped;
    }

    /** A JSON field that must be a string when present; null when absent or JSON null. */
    public static String optionalString(JsonNode object, String field) {
        JsonNode node = object == null ? null : object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return node.textValue();
    }

    /** A JSON field that must be a string. */
    public static String requiredString(JsonNode object, String field) {
        String value = optionalString(object, field);
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /** An optional number that, when given, is finite and within {@code [min, max]}. */
    public static Double finite(String field, Double value, double min, double max) {
        if (value == null) {
            return null;
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            throw invalid(field, "must be a number from " + plain(min) + " to " + plain(max));
        }
        return value;
    }

    /** Whether a code point shows something: not whitespace, not a control or format (zero-width) character. */
    public static boolean isVisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || isControl(codePoint)) {
            return false;
        }
        int type = Character.getType(codePoint);
        // FORMAT covers U+200B..U+200F, U+2060, U+FEFF (zero-width space, joiners, marks, BOM).
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && codePoint != 0x3164 && codePoint != 0x115F && codePoint != 0x1160
                && codePoint != 0x034F;
    }

    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL && codePoint != '\n' && codePoint != '\r'
                && codePoint != '\t';
    }

    public static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static ApiException invalid(String field, String rule) {
        return ApiException.badRequest("invalid_" + field, "Field '" + field + "' " + rule);
    }
}
