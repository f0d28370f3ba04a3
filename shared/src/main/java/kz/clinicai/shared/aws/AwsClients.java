package kz.clinicai.shared.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import kz.clinicai.shared.config.Env;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients of one function, built once per container by its composition root and shared by all
 * invocations. Each client is created on first use, so a function pays only for the services it calls.
 *
 * <p>Everything comes from the given {@link Env}, never from the process environment: the local stack runs
 * every function in one JVM, each with its own endpoints and credentials.
 */
public final class AwsClients implements AutoCloseable {

    // Lambda keeps the connection pool warm between invocations; a slow connect means the endpoint is
    // unreachable, and waiting longer only burns the caller's deadline.
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    // Longest silence on an open connection; DynamoDB and SQS answer in milliseconds, S3 streams continuously.
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    // One attempt may not eat the whole budget: a retry still fits in the 20 s below.
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(8);
    // All attempts of one call, retries included: under the voicebot's 25 s deadline and API Gateway's 30 s.
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);

    static final String DEFAULT_REGION = "us-east-1";

    private final Env env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> dynamoDbEndpoint;
    private final Optional<URI> sqsEndpoint;
    private final Optional<URI> s3Endpoint;

    private final Lazy<SdkHttpClient> httpClient;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<DynamoDbEnhancedClient> dynamoDbEnhanced;
    // Typed by the SDK's common interface, not SqsClient/S3Client: a lambda's method type names its return class,
    // so a typed one would load that client's class when this object is built, and functions whose code package
    // leaves a client out (the per-function zips) would fail to start.
    private final Lazy<SdkClient> sqs;
    private final Lazy<SdkClient> s3;
    private boolean closed;

    public AwsClients(Env env) {
        this.env = env;
        this.region = Region.of(env.optional("AWS_REGION")
                .or(() -> env.optional("AWS_DEFAULT_REGION"))
                .orElse(DEFAULT_REGION));
        this.credentials = credentials(env);
        Optional<URI> common = env.uri("AWS_ENDPOINT_URL");
        this.dynamoDbEndpoint = env.uri("AWS_ENDPOINT_URL_DYNAMODB").or(() -> common);
        this.sqsEndpoint = env.uri("AWS_ENDPOINT_URL_SQS").or(() -> common);
        this.s3Endpoint = env.uri("AWS_ENDPOINT_URL_S3").or(() -> common);

        this.httpClient = new Lazy<>(() -> UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build());
        this.dynamoDb = new Lazy<>(() -> configure(DynamoDbClient.builder(), dynamoDbEndpoint).build());
        this.dynamoDbEnhanced = new Lazy<>(() -> DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb()).build());
        this.sqs = new Lazy<>(() -> configure(SqsClient.builder(), sqsEndpoint).build());
        this.s3 = new Lazy<>(() -> {
            var builder = configure(S3Client.builder(), s3Endpoint);
            if (s3Endpoint.isPresent()) {
                // S3-compatible servers (the local stack's, most clouds') have no per-bucket DNS names,
                // and not all of them know the checksums the SDK now sends on every upload.
                builder.forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            return builder.build();
        });
    }

    public DynamoDbClient dynamoDb() {
        return get(dynamoDb);
    }

    public DynamoDbEnhancedClient dynamoDbEnhanced() {
        return get(dynamoDbEnhanced);
    }

    public SqsClient sqs() {
        return (SqsClient) get(sqs);
    }

    public S3Client s3() {
        return (S3Client) get(s3);
    }

    public Region region() {
        return region;
    }

    /**
     * A client builder of any other AWS service (Secrets Manager, SSM…) wired like the ones above: this Env's
     * region and credentials, the shared HTTP client and timeouts, and the endpoint from
     * {@code AWS_ENDPOINT_URL_<service>} (e.g. {@code SECRETS_MANAGER}) or {@code AWS_ENDPOINT_URL}. The caller
     * owns the built client.
     */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder,
                                                                                        String endpointService) {
        return configure(builder, env.uri("AWS_ENDPOINT_URL_" + endpointService).or(() -> env.uri("AWS_ENDPOINT_URL")));
    }

    /** Closes the clients created so far and their shared HTTP client; later calls fail. */
    @Override
    public void close() {
        List<AutoCloseable> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            // Clients before the HTTP client they use; the enhanced client only wraps dynamoDb.
            sqs.ifCreated(toClose::add);
            s3.ifCreated(toClose::add);
            dynamoDb.ifCreated(toClose::add);
            httpClient.ifCreated(toClose::add);
            if (credentials instanceof AutoCloseable closeable) {
                toClose.add(closeable);
            }
        }
        RuntimeException failure = null;
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing AWS clients failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private <T> T get(Lazy<T> lazy) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("AwsClients is closed");
            }
        }
        return lazy.get();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                         Optional<URI> endpoint) {
        builder.region(region)
                .credentialsProvider(credentials)
                // Shared: one connection pool and one set of threads for all clients. The SDK does not close
                // a client it was given, so close() does.
                .httpClient(httpClient.get())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private static AwsCredentialsProvider credentials(Env env) {
        Optional<String> keyId = env.optional("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.optional("AWS_SECRET_ACCESS_KEY");
        if (keyId.isEmpty() || secret.isEmpty()) {
            // Lambda's role (from the runtime's environment), or a developer's profile.
            return DefaultCredentialsProvider.builder().build();
        }
        Optional<String> token = env.optional("AWS_SESSION_TOKEN");
        AwsCredentials credentials = token.isPresent()
                ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                : AwsBasicCredentials.create(keyId.get(), secret.get());
        return StaticCredentialsProvider.create(credentials);
    }

    /** A value created once, on first use, by whichever thread gets there first. */
    private static final class Lazy<T> {

        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = factory.get();
                        value = result;
                    }
                }
            }
            return result;
        }

        void ifCreated(Consumer<? super T> action) {
            T result = value;
            if (result != null) {
                action.accept(result);
            }
        }
    }
}
