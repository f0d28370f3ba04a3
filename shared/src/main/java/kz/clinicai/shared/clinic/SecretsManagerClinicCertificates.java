package kz.clinicai.shared.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A clinic's certificate secret: SecretString JSON with certificate_pem, private_key_pem, optional ca_pem. The
 * voicebot reads it; the console writes it (the secret is created on first upload, a new version afterwards).
 */
public final class SecretsManagerClinicCertificates implements ClinicCertificateStore {
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
    public void save(String secretId, ClientCertificate certificate) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("certificate_pem", certificate.certificatePem());
        json.put("private_key_pem", certificate.privateKeyPem());
        if (certificate.caPem() != null) {
            json.put("ca_pem", certificate.caPem());
        }
        String value = json.toString();
        try {
            secrets.putSecretValue(PutSecretValueRequest.builder().secretId(secretId).secretString(value).build());
        } catch (ResourceNotFoundException e) {
            secrets.createSecret(CreateSecretRequest.builder().name(secretId)
                    .description("InfoClinica client certificate of a clinic (written by the console)")
                    .secretString(value).build());
        }
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
