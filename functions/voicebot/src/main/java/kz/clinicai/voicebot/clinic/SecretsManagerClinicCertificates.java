package kz.clinicai.voicebot.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** Reads a secret whose SecretString is JSON: certificate_pem, private_key_pem, optional ca_pem. */
public final class SecretsManagerClinicCertificates implements ClinicCertificates {
    private final SecretsManagerClient secrets;

    public SecretsManagerClinicCertificates(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    /** Wired like the function's other AWS clients (region, credentials and endpoint from its Env, not the JVM's). */
    public static SecretsManagerClinicCertificates from(AwsClients aws) {
        return new SecretsManagerClinicCertificates(aws.configured(SecretsManagerClient.builder(), "SECRETS_MANAGER")
                .build());
    }

    @Override
    public ClientCertificate load(String secretId) {
        String json = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
        try {
            JsonNode node = Json.mapper().readTree(json);
            String cert = node.path("certificate_pem").asText("");
            String key = node.path("private_key_pem").asText("");
            if (cert.isBlank() || key.isBlank()) {
                throw new IllegalStateException("Secret " + secretId + " lacks certificate_pem or private_key_pem");
            }
            String ca = node.path("ca_pem").asText("");
            return new ClientCertificate(cert, key, ca.isBlank() ? null : ca);
        } catch (IOException e) {
            throw new IllegalStateException("Secret " + secretId + " is not JSON", e);
        }
    }
}
