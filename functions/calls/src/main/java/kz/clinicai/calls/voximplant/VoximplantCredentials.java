package kz.clinicai.calls.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/**
 * A Voximplant service account (the credentials JSON the control panel downloads: {@code account_id},
 * {@code key_id}, {@code private_key}) and the short-lived RS256 JWTs made from it.
 */
public final class VoximplantCredentials {

    /** Voximplant accepts tokens valid for at most an hour; a little less leaves room for clock skew. */
    static final long LIFETIME_SECONDS = 3000;

    private final String accountId;
    private final String keyId;
    private final PrivateKey key;

    VoximplantCredentials(String accountId, String keyId, PrivateKey key) {
        this.accountId = accountId;
        this.keyId = keyId;
        this.key = key;
    }

    public static VoximplantCredentials parse(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            String account = node.path("account_id").asText();
            String keyId = node.path("key_id").asText();
            String pem = node.path("private_key").asText();
            if (account.isBlank() || keyId.isBlank() || pem.isBlank()) {
                throw new IllegalArgumentException("credentials need account_id, key_id and private_key");
            }
            return new VoximplantCredentials(account, keyId, privateKey(pem));
        } catch (IOException e) {
            throw new IllegalArgumentException("credentials are not JSON", e);
        }
    }

    String accountId() {
        return accountId;
    }

    /** {@code Bearer} token value: header {alg RS256, typ JWT, kid}, claims {iss account, iat, exp}. */
    public String jwt(Instant now) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(Json.mapper().writeValueAsBytes(
                    Map.of("alg", "RS256", "typ", "JWT", "kid", keyId)));
            long iat = now.getEpochSecond();
            String claims = b64.encodeToString(Json.mapper().writeValueAsBytes(
                    Map.of("iss", Long.parseLong(accountId), "iat", iat, "exp", iat + LIFETIME_SECONDS)));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the Voximplant JWT", e);
        }
    }

    /** PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") PEM. */
    static PrivateKey privateKey(String pem) {
        try {
            boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!pkcs1) {
                return rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            }
            BigInteger[] ints = Der.sequenceOfIntegers(der, 9);
            return rsa.generatePrivate(new RSAPrivateCrtKeySpec(ints[1], ints[2], ints[3], ints[4], ints[5], ints[6],
                    ints[7], ints[8]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("private_key is not an RSA key in PEM", e);
        }
    }

    /** Just enough DER to read PKCS#1's SEQUENCE of INTEGERs. */
    private static final class Der {
        static BigInteger[] sequenceOfIntegers(byte[] der, int count) {
            int[] pos = {0};
            expect(der, pos, 0x30);
            length(der, pos);
            BigInteger[] out = new BigInteger[count];
            for (int i = 0; i < count; i++) {
                expect(der, pos, 0x02);
                int len = length(der, pos);
                byte[] value = java.util.Arrays.copyOfRange(der, pos[0], pos[0] + len);
                pos[0] += len;
                out[i] = new BigInteger(value);
            }
            return out;
        }

        private static void expect(byte[] der, int[] pos, int tag) {
            if ((der[pos[0]++] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected DER tag");
            }
        }

        private static int length(byte[] der, int[] pos) {
            int first = der[pos[0]++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int n = first & 0x7f;
            int len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[pos[0]++] & 0xff);
            }
            return len;
        }
    }
}
