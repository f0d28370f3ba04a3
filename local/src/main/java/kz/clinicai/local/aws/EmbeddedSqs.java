package kz.clinicai.local.aws;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * ElasticMQ on loopback. Its queue URLs carry the server address it is told, so the port is chosen first and
 * the same one is announced. Messages live in memory only: ElasticMQ persists them through its own server
 * configuration (SQL store), which the embedded builder does not expose.
 */
public final class EmbeddedSqs implements AutoCloseable {

    /** How long open connections (a long poll, an idle keep-alive) may hold up stopping before they are cut. */
    static final Duration GRACE = Duration.create(2, TimeUnit.SECONDS);

    private final SQSRestServer server;
    private final ActorSystem actors;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, ActorSystem actors, int port) {
        this.server = server;
        this.actors = actors;
        this.port = port;
    }

    public static EmbeddedSqs start(String region, String accountId) {
        int port = FreePort.find();
        // Our own actor system: ElasticMQ's stopAndWait gives open connections a minute (its binding's hard
        // deadline), and the JVM cannot exit while that system's threads run; owning it lets close() cut them.
        ActorSystem actors = ActorSystem.create("elasticmq");
        SQSRestServer server = SQSRestServerBuilder
                .withActorSystem(actors)
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, actors, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Unbinds and lets open connections finish for {@link #GRACE} (the SDK's keep-alive connections and a poller's
     * long poll would otherwise hold it for ElasticMQ's full minute), then terminates the actor system, which
     * closes whatever is still open.
     */
    @Override
    public void close() {
        try {
            Await.result(server.stopAndGetFuture().apply(), GRACE);
        } catch (Exception stillOpen) {
            // connections left: terminating the actor system below closes them
        }
        try {
            Await.result(actors.terminate(), Duration.create(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("ElasticMQ's actor system did not stop", e);
        }
    }
}
