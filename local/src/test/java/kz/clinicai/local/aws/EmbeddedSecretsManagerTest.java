package kz.clinicai.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class EmbeddedSecretsManagerTest {

    private static EmbeddedSecretsManager server;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedSecretsManager.start(0);
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void realClientCreatesReadsAndUpdatesASecret() {
        client.createSecret(b -> b.name("clinics/demo").secretString("{\"certificate_pem\":\"A\"}"));
        assertThat(client.getSecretValue(b -> b.secretId("clinics/demo")).secretString())
                .isEqualTo("{\"certificate_pem\":\"A\"}");

        client.putSecretValue(b -> b.secretId("clinics/demo").secretString("{\"certificate_pem\":\"B\"}"));
        var current = client.getSecretValue(b -> b.secretId("clinics/demo"));
        assertThat(current.secretString()).contains("\"B\"");
        assertThat(client.getSecretValue(b -> b.secretId(current.arn())).name()).isEqualTo("clinics/demo");
    }

    @Test
    void seededSecretsAreVisibleAndDuplicatesRejected() {
        server.put("clinicai/openai", "{\"api_key\":\"sandbox\"}");
        assertThat(client.getSecretValue(b -> b.secretId("clinicai/openai")).secretString()).contains("sandbox");
        assertThatThrownBy(() -> client.createSecret(b -> b.name("clinicai/openai").secretString("x")))
                .isInstanceOf(ResourceExistsException.class);
    }

    @Test
    void unknownSecretIsTheSdksNotFound() {
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
