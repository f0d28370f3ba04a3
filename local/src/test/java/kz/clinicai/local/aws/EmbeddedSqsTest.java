package kz.clinicai.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stopping the embedded ElasticMQ does not wait for open connections: a long poll in flight (20 s) and the
 * client's keep-alive connection used to hold it (and the JVM's exit: chat-bench) for ElasticMQ's one-minute
 * deadline. The preemptive timeout is a hang detector, well under that 20 s poll, not a performance figure.
 */
class EmbeddedSqsTest {

    @Test
    void closeCutsAnInFlightLongPollAndLeavesNoActorThreads() throws Exception {
        EmbeddedSqs sqs = EmbeddedSqs.start("us-east-1", "000000000000");
        try (AwsClients clients = new AwsClients(sqs.endpoint(), sqs.endpoint(), sqs.endpoint())) {
            SqsClient client = clients.sqs();
            String queue = client.createQueue(b -> b.queueName("long-poll")).queueUrl();
            CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() ->
                    client.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(20)).messages().size());
            Thread.sleep(500); // the receive is on the wire

            assertTimeoutPreemptively(Duration.ofSeconds(15), sqs::close);

            // The poll did not get its 20 s answer: its connection was closed under it (it may retry and fail).
            assertThat(poll).failsWithin(30, TimeUnit.SECONDS);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && !t.isDaemon()
                && t.getName().startsWith("elasticmq"));
    }
}
