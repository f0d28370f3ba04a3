package kz.clinicai.shared.aws;

import java.net.URI;
import java.util.Optional;
import kz.clinicai.shared.config.Env;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Placeholder until the shared-lib branch lands (same API; only what the voicebot uses). */
public final class AwsClients {
    private final Env env;

    public AwsClients(Env env) {
        this.env = env;
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        endpoint("AWS_ENDPOINT_URL_DYNAMODB").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbEnhancedClient dynamoDbEnhanced() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb()).build();
    }

    private Optional<URI> endpoint(String serviceVariable) {
        return env.uri(serviceVariable).or(() -> env.uri("AWS_ENDPOINT_URL"));
    }
}
