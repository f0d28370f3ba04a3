package kz.clinicai.calls.voximplant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class VoximplantCredentialsTest {

    @Test
    void theJwtIsRs256WithKidIssAndAShortLifetime() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String json = Json.mapper().writeValueAsString(Map.of("account_id", 1234567, "key_id", "key-1",
                "private_key", pem, "account_email", "a@b.c"));
        Instant now = Instant.parse("2026-11-30T08:00:00Z");

        String jwt = VoximplantCredentials.parse(json).jwt(now);

        String[] parts = jwt.split("\\.");
        JsonNode header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo("key-1");
        assertThat(claims.path("iss").asLong()).isEqualTo(1234567);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isBetween(1L, 3600L);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }
}
