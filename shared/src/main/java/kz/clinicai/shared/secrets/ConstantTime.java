package kz.clinicai.shared.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The one comparison of a presented credential with the expected one (API keys, webhook secrets, HMACs). */
public final class ConstantTime {

    private ConstantTime() {
    }

    /**
     * True when both are present and equal. Takes the same time whatever prefix matches, so a caller cannot
     * guess a secret byte by byte; a missing or empty value never matches.
     */
    public static boolean equals(String given, String expected) {
        if (given == null || expected == null || given.isEmpty() || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean equals(byte[] given, byte[] expected) {
        if (given == null || expected == null || given.length == 0 || expected.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
