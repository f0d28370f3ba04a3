package kz.clinicai.voicebot.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** Reads a secret whose SecretString is JSON: certificate_pem, private_key_pem, optional ca_pem. */
public final class SecretsManagerClinicCertificates implements ClinicCertificates {
    private final SecretsManagerClient secrets;

    public SecretsManagerClinicCertificates(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    /** The same client wiring as the shared AwsClients: url-connection, endpoint override from env. */
    public static SecretsManagerClinicCertificates fromEnv(Env env) {
        var builder = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create());
        Optional<URI> endpoint = env.uri("AWS_ENDPOINT_URL_SECRETS_MANAGER").or(() -> env.uri("AWS_ENDPOINT_URL"));
        endpoint.ifPresent(builder::endpointOverride);
        return new SecretsManagerClinicCertificates(builder.build());
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
