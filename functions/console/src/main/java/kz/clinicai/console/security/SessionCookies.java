package kz.clinicai.console.security;

import java.util.function.Supplier;

/**
 * How the session and CSRF cookies are made: the sealing key (base64, 32 bytes, read from its secret when first
 * needed) and whether cookies are {@code Secure} (and HSTS sent): false only on the local stack's plain HTTP.
 */
public record SessionCookies(Supplier<String> base64Key, boolean secure) {
}
