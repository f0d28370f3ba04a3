package kz.clinicai.shared.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kz.clinicai.shared.config.Env;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {

    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.ListTables"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"TableNames\":[\"t\"]}")));
    }

    private static Map<String, String> localStack(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "AKIDLOCALSTACK",
                "AWS_SECRET_ACCESS_KEY", "local-secret",
                "AWS_ENDPOINT_URL_DYNAMODB", server.baseUrl()));
        env.putAll(more);
        return env;
    }

    @Test
    void dynamoDbGoesToTheOverriddenEndpointSignedWithTheEnvCredentials() {
        try (AwsClients clients = new AwsClients(Env.of(localStack(Map.of())))) {
            List<String> tables = clients.dynamoDb().listTables().tableNames();

            assertThat(tables).containsExactly("t");
        }
        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.ListTables"))
                .withHeader("Authorization", containing("Credential=AKIDLOCALSTACK/"))
                .withHeader("Authorization", containing("/eu-central-1/dynamodb/aws4_request")));
    }

    @Test
    void sessionTokenIsSentWhenGiven() {
        try (AwsClients clients = new AwsClients(Env.of(localStack(Map.of("AWS_SESSION_TOKEN", "tok-123"))))) {
            clients.dynamoDb().listTables();
        }
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Security-Token", equalTo("tok-123")));
    }

    @Test
    void commonEndpointServesServicesWithoutTheirOwnAndS3UsesPathStyle() {
        Map<String, String> env = localStack(Map.of("AWS_ENDPOINT_URL", server.baseUrl()));
        env.remove("AWS_ENDPOINT_URL_DYNAMODB");
        server.stubFor(head(urlEqualTo("/recordings")).willReturn(aResponse().withStatus(200)));

        try (AwsClients clients = new AwsClients(Env.of(env))) {
            assertThat(clients.dynamoDb().listTables().tableNames()).containsExactly("t");
            clients.s3().headBucket(b -> b.bucket("recordings"));
        }
        // Path-style: the bucket is in the path, not in a "recordings.127.0.0.1" host name.
        server.verify(headRequestedFor(urlEqualTo("/recordings")));
    }

    @Test
    void regionFallsBackToDefaultRegionThenUsEast1() {
        Map<String, String> env = localStack(Map.of("AWS_DEFAULT_REGION", "ap-south-1"));
        env.remove("AWS_REGION");
        try (AwsClients fromDefault = new AwsClients(Env.of(env))) {
            assertThat(fromDefault.region()).isEqualTo(Region.AP_SOUTH_1);
        }
        env.remove("AWS_DEFAULT_REGION");
        try (AwsClients none = new AwsClients(Env.of(env))) {
            assertThat(none.region()).isEqualTo(Region.US_EAST_1);
        }
    }

    @Test
    void clientsAreMemoized() {
        try (AwsClients clients = new AwsClients(Env.of(localStack(Map.of())))) {
            assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
            assertThat(clients.dynamoDbEnhanced()).isSameAs(clients.dynamoDbEnhanced());
            assertThat(clients.sqs()).isSameAs(clients.sqs());
            assertThat(clients.s3()).isSameAs(clients.s3());
        }
    }

    @Test
    void concurrentFirstCallsGetOneClient() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AwsClients clients = new AwsClients(Env.of(localStack(Map.of())))) {
            CountDownLatch start = new CountDownLatch(1);
            Callable<DynamoDbClient> first = () -> {
                start.await(10, TimeUnit.SECONDS);
                return clients.dynamoDb();
            };
            List<Future<DynamoDbClient>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(first));
            }
            start.countDown();
            DynamoDbClient one = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<DynamoDbClient> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(one);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedClientsCannotBeUsed() {
        AwsClients clients = new AwsClients(Env.of(localStack(Map.of())));
        clients.dynamoDb();
        clients.close();
        clients.close();

        assertThatThrownBy(clients::sqs).isInstanceOf(IllegalStateException.class);
    }
}
