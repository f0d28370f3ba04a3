package kz.clinicai.local.sandbox.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import kz.clinicai.shared.json.Json;

/**
 * A Google-shaped service account whose RSA key exists only for this sandbox run: the credentials file the
 * platform reads, and the check of the JWT assertions the Google auth library signs with it.
 */
final class ServiceAccount {

    static final String PROJECT_ID = "clinicai-sandbox";
    static final String CLIENT_EMAIL = "clinicai-sandbox@clinicai-sandbox.iam.gserviceaccount.com";
    // Google refuses assertions that live longer than an hour or come from a skewed clock.
    private static final long MAX_LIFETIME_SECONDS = 3600;
    private static final long SKEW_SECONDS = 300;
    static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

    private final KeyPair keys;
    private final String keyId;
    private final String tokenUri;

    ServiceAccount(String tokenUri) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
            this.keyId = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make RSA keys", e);
        }
        this.tokenUri = tokenUri;
    }

    String tokenUri() {
        return tokenUri;
    }

    /** Writes the credentials JSON (the shape Google's console downloads) and returns its path. */
    Path write(Path dir) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = Json.mapper().createObjectNode()
                .put("type", "service_account")
                .put("project_id", PROJECT_ID)
                .put("private_key_id", keyId)
                .put("private_key", pem)
                .put("client_email", CLIENT_EMAIL)
                .put("client_id", "100000000000000000001")
                .put("auth_uri", tokenUri.replace("/token", "/auth"))
                .put("token_uri", tokenUri)
                .put("universe_domain", "googleapis.com");
        Path file = dir.resolve("sheets-service-account.json");
        Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        return file;
    }

    /** The assertion's subject (client_email), or the reason Google would give for refusing it. */
    String verify(String assertion, Instant now) throws InvalidGrant {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            throw new InvalidGrant("Invalid JWT: malformed assertion");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidGrant("Invalid JWT: malformed assertion");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new InvalidGrant("Invalid JWT Signature.");
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new InvalidGrant("Invalid JWT Signature.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidGrant("Invalid JWT Signature.");
        }
        if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
            throw new InvalidGrant("Invalid grant: account not found");
        }
        // Google's auth library addresses its assertion to Google's token endpoint whatever token_uri says.
        String aud = claims.path("aud").asText();
        if (!tokenUri.equals(aud) && !GOOGLE_TOKEN_URI.equals(aud)) {
            throw new InvalidGrant("Invalid JWT: Failed audience check. The right audience is " + GOOGLE_TOKEN_URI);
        }
        long iat = claims.path("iat").asLong(Long.MIN_VALUE);
        long exp = claims.path("exp").asLong(Long.MIN_VALUE);
        long t = now.getEpochSecond();
        if (exp <= t - SKEW_SECONDS || iat > t + SKEW_SECONDS || exp - iat > MAX_LIFETIME_SECONDS || exp < iat) {
            throw new InvalidGrant("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
                    + " timeframe. Check your iat and exp values in the JWT claim.");
        }
        return claims.path("iss").asText();
    }

    static final class InvalidGrant extends Exception {
        InvalidGrant(String message) {
            super(message, null, false, false);
        }
    }
}
