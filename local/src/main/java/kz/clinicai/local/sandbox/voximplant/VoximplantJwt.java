package kz.clinicai.local.sandbox.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import kz.clinicai.shared.json.Json;

/**
 * Checks a management-API bearer token the way Voximplant does for service accounts: an RS256 JWT whose header
 * names the key ({@code kid}) and whose claims name the account ({@code iss}) and a lifetime of at most an hour
 * ({@code iat}, {@code exp}). Parsed by hand so nothing is trusted before the signature is checked.
 */
final class VoximplantJwt {

    static final long MAX_LIFETIME_SECONDS = 3600;
    private static final long SKEW_SECONDS = 60;

    /** Why a token was refused; the message goes into the error JSON. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    private final String accountId;
    private final String keyId;
    private final PublicKey publicKey;
    private final Clock clock;

    VoximplantJwt(String accountId, String keyId, PublicKey publicKey, Clock clock) {
        this.accountId = accountId;
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    /** Verifies {@code Authorization: Bearer <jwt>}. */
    void verify(String authorization) throws Rejected {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Rejected("Authorization header with a Bearer token is required");
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected("Malformed JWT");
        }
        JsonNode header = json(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Rejected("JWT alg must be RS256");
        }
        if (!keyId.equals(header.path("kid").asText())) {
            throw new Rejected("Unknown key id");
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new Rejected("Invalid JWT signature");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Rejected("Invalid JWT signature");
        }
        JsonNode claims = json(parts[1]);
        if (!accountId.equals(claims.path("iss").asText())) {
            throw new Rejected("JWT iss does not match the account");
        }
        if (!claims.path("iat").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
            throw new Rejected("JWT must carry iat and exp");
        }
        long iat = claims.get("iat").asLong();
        long exp = claims.get("exp").asLong();
        long now = clock.instant().getEpochSecond();
        if (exp - iat > MAX_LIFETIME_SECONDS) {
            throw new Rejected("JWT lifetime must not exceed 3600 seconds");
        }
        if (iat > now + SKEW_SECONDS) {
            throw new Rejected("JWT issued in the future");
        }
        if (exp <= now) {
            throw new Rejected("JWT expired");
        }
    }

    private static JsonNode json(String part) throws Rejected {
        try {
            JsonNode node = Json.mapper().readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new Rejected("Malformed JWT");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw new Rejected("Malformed JWT");
        }
    }
}
