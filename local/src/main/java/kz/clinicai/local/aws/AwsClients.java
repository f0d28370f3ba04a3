package kz.clinicai.local.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients of the local stack itself (provisioning, pollers), pointed at the embedded servers. */
public final class AwsClients implements AutoCloseable {

    /** DynamoDB Local accepts any key made of letters and digits. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final SdkHttpClient http;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final S3Client s3;

    public AwsClients(URI dynamoEndpoint, URI sqsEndpoint, URI s3Endpoint) {
        // read timeout above the pollers' 1 s long-poll
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(20)).build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        Region region = Region.of(LocalWorld.REGION);
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(region)
                .credentialsProvider(credentials).httpClient(http).build();
        this.sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(region)
                .credentialsProvider(credentials).httpClient(http).build();
        this.s3 = S3Client.builder().endpointOverride(s3Endpoint).region(region).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(http).build();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        s3.close();
        http.close();
    }
}
